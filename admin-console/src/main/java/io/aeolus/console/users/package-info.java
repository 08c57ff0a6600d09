/**
 * The Users tab: the broker's users and their roles, adding a user, changing a password or the roles, removing a
 * user, all through management (audited by the broker, in force for the next login).
 */
package io.aeolus.console.users;
