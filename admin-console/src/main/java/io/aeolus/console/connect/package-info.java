/**
 * The connect dialog: broker URL, user and password, with the recently used URLs remembered in the user's
 * preferences ({@code java.util.prefs}).
 */
package io.aeolus.console.connect;
