/**
 * The Message browser tab: pages through a queue with an optional selector and shows one message's headers,
 * properties and body, as pretty-printed JSON or XML (never resolving DTDs or external entities), as text, or as a
 * hex dump. Large bodies reach the text control in chunks ("Load more") and can be saved to a file; an
 * ObjectMessage is never deserialized.
 */
package io.aeolus.console.browser;
