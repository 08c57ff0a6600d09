/**
 * Authentication on the wire, shared by both ends of the Connect handshake: SCRAM-SHA-256 (RFC 5802 and RFC 7677)
 * written from the RFCs, the client's side of the exchange, the credentials a broker stores instead of passwords,
 * and the format of {@code Connect.credentials} (a mechanism name and its initial response). Knows nothing of JMS
 * and nothing of how a broker keeps its users.
 */
package io.aeolus.transport.auth;
