/**
 * Gossipsub peer scoring for the collective's topics. Without topic parameters gossipsub
 * scores nothing per topic, so a peer whose messages our validators reject kept its full
 * standing. With them, each rejected message counts (squared) against the peer that sent
 * it: three bring it below the graylist threshold (-80), after which gossipsub drops its
 * messages before checking their signatures, the same three strikes after which sync cuts
 * a peer off. The standing recovers in minutes.
 */
import { createTopicScoreParams } from '@libp2p/gossipsub/score'

export const POLDER_TOPIC_SCORE = createTopicScoreParams({
  topicWeight: 1,
  // P1, time in the mesh: a little credit for staying, at most +10 after an hour
  timeInMeshWeight: 10 / 3_600,
  timeInMeshQuantum: 1_000,
  timeInMeshCap: 3_600,
  // P2, first deliveries: credit for bringing news first, capped so it cannot buy a flood
  firstMessageDeliveriesWeight: 1,
  firstMessageDeliveriesDecay: 0.5,
  firstMessageDeliveriesCap: 10,
  // P3 off: heads and announcements are sparse in a quiet collective, and counting
  // too few deliveries in the mesh would punish every honest peer
  meshMessageDeliveriesWeight: 0,
  meshFailurePenaltyWeight: 0,
  // P4, invalid messages: -10 per rejected message, squared (1: -10, 2: -40, 3: -90);
  // decays by 1% a second (halved in about 70 s)
  invalidMessageDeliveriesWeight: -10,
  invalidMessageDeliveriesDecay: 0.99,
})
