/**
 * The Subscriptions tab: the durable and shared topic subscriptions with their topic, client id, name,
 * selector, backlog, in-flight messages and consumers; read-only.
 */
package io.aeolus.console.subscriptions;
