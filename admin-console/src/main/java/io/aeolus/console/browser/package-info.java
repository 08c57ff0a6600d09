/**
 * The Message browser tab: pages through a queue with an optional selector and shows one message's headers,
 * properties and body, pretty-printing JSON and truncating very large bodies so the window never freezes.
 */
package io.aeolus.console.browser;
