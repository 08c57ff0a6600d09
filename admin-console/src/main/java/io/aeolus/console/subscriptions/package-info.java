/**
 * The Subscriptions tab: the durable and shared topic subscriptions with their topic, client id, name,
 * selector, backlog, in-flight messages and consumers; deleting a durable one after confirmation.
 */
package io.aeolus.console.subscriptions;
