/**
 * The Routing tab (routing rules: list, create, delete) and the Bridges tab (JMS bridges: list, pause, resume,
 * delete).
 */
package io.aeolus.console.routing;
