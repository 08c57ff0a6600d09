/**
 * Encryption and authentication of frames after the Connect handshake: the negotiated modes
 * ({@link io.aeolus.transport.crypto.TransportEncryption}), the keys both ends derive from their SCRAM-SHA-256
 * exchange ({@link io.aeolus.transport.crypto.TransportKeys}), and the per-direction AES-256-GCM sealer and opener
 * with sequence numbers against replay. Knows nothing of JMS and nothing of how a broker keeps its users.
 */
package io.aeolus.transport.crypto;
