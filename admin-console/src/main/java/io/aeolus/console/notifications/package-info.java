/**
 * How the console tells the user about outcomes: background-task failures and completed long operations become
 * {@link io.aeolus.console.notifications.Notice}s in a {@link io.aeolus.console.notifications.Notifier} (view-model
 * side, testable without the FX toolkit), which the
 * {@link io.aeolus.console.notifications.NotificationPresenter} shows as ControlsFX {@code Notifications}. Failures
 * are described in words by {@link io.aeolus.console.notifications.Failures}, never as stack traces.
 */
package io.aeolus.console.notifications;
