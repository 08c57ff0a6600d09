package io.aeolus.console.notifications;

import java.util.Objects;

/**
 * Something the user can do from a notification, such as undoing the operation it tells of; immutable.
 *
 * @param label  the button's text, e.g. "Undo".
 * @param action what the button does; called on the FX thread, at most once however often it is clicked.
 */
public record NoticeAction(String label, Runnable action)
{
    /**
     * Validates the fields and makes the action run at most once.
     */
    public NoticeAction
    {
        Objects.requireNonNull(label, "label");
        action = new Once(Objects.requireNonNull(action, "action"));
    }

    /**
     * Runs the action unless it ran already; FX thread.
     */
    public void run()
    {
        action.run();
    }

    /**
     * Whether the action ran.
     *
     * @return true after the first {@link #run()}.
     */
    public boolean done()
    {
        return ((Once)action).done;
    }

    private static final class Once implements Runnable
    {
        private final Runnable delegate;
        private boolean done;

        private Once(final Runnable delegate)
        {
            this.delegate = delegate instanceof Once ? ((Once)delegate).delegate : delegate;
        }

        @Override
        public void run()
        {
            if (!done)
            {
                done = true;
                delegate.run();
            }
        }
    }
}
