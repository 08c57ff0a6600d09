/**
 * The confirmation the console asks for before an operation that changes the broker (purge, restore, retry, a bulk
 * job, closing a connection), styled like the window it belongs to.
 */
package io.aeolus.console.confirm;
