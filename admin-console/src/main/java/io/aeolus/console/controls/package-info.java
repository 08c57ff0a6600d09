/**
 * Small reusable controls of the console: name search over long lists of destinations.
 */
package io.aeolus.console.controls;
