/**
 * The Aeolus resource adapter (Jakarta Connectors 2.1): outbound pooled connection factories whose connections take
 * part in container transactions (XA or local), and inbound delivery to message-driven beans, each delivery in the
 * bean's transaction.
 */
package io.aeolus.ra;
