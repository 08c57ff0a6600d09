package io.aeolus.console.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Collects the notices of the console's background work and hands each to the listeners (the presenter that
 * pops it up). Keeps the last {@value #HISTORY_SIZE} for the status bar and for tests. FX thread only: view models
 * call it from their task callbacks, which run there.
 */
public final class Notifier
{
    /** Notices kept in {@link #history()}. */
    public static final int HISTORY_SIZE = 100;

    private final ResourceBundle bundle;
    private final ObservableList<Notice> history = FXCollections.observableArrayList();
    private final List<Consumer<Notice>> listeners = new ArrayList<>();

    /**
     * Creates a notifier.
     *
     * @param bundle UI text used to describe failures.
     */
    public Notifier(final ResourceBundle bundle)
    {
        this.bundle = bundle;
    }

    /**
     * Tells of a completed operation.
     *
     * @param title a few words naming it.
     * @param text  the outcome.
     */
    public void info(final String title, final String text)
    {
        publish(new Notice(NoticeLevel.INFO, title, text));
    }

    /**
     * Tells of a completed operation and offers something to do about it, such as undoing it.
     *
     * @param title  a few words naming it.
     * @param text   the outcome.
     * @param action the button the notification offers.
     */
    public void info(final String title, final String text, final NoticeAction action)
    {
        publish(new Notice(NoticeLevel.INFO, title, text, action));
    }

    /**
     * Tells of a partial success.
     *
     * @param title a few words naming it.
     * @param text  what did not work.
     */
    public void warning(final String title, final String text)
    {
        publish(new Notice(NoticeLevel.WARNING, title, text));
    }

    /**
     * Tells of a failed operation, describing the failure in words.
     *
     * @param title   a few words naming the operation, e.g. "Purge failed".
     * @param failure what went wrong.
     */
    public void error(final String title, final Throwable failure)
    {
        publish(new Notice(NoticeLevel.ERROR, title, Failures.describe(failure, bundle)));
    }

    /**
     * Registers a listener, called on the FX thread with each new notice.
     *
     * @param listener the listener.
     */
    public void addListener(final Consumer<Notice> listener)
    {
        listeners.add(listener);
    }

    /**
     * The most recent notices, oldest first.
     *
     * @return the live list.
     */
    public ObservableList<Notice> history()
    {
        return history;
    }

    /**
     * Describes a failure in the console's words.
     *
     * @param failure what went wrong.
     * @return the text a notice would show.
     */
    public String describe(final Throwable failure)
    {
        return Failures.describe(failure, bundle);
    }

    private void publish(final Notice notice)
    {
        if (history.size() >= HISTORY_SIZE)
        {
            history.remove(0);
        }
        history.add(notice);
        for (final Consumer<Notice> listener : listeners)
        {
            listener.accept(notice);
        }
    }
}
