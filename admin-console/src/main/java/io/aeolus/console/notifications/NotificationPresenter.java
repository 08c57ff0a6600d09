package io.aeolus.console.notifications;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;

/**
 * Shows each {@link Notice} as a ControlsFX notification popup at the bottom right of the console window, in the
 * dark style while the dark theme is on. Errors stay longer than information, and a notice that offers an action
 * (such as Undo) as a button stays longest. More than {@value #THRESHOLD} at once collapse into one summary. FX thread
 * only.
 */
public final class NotificationPresenter
{
    /** Popups shown at once before they collapse into a summary. */
    public static final int THRESHOLD = 4;
    private static final Duration INFO_DURATION = Duration.seconds(5);
    private static final Duration ERROR_DURATION = Duration.seconds(12);
    private static final Duration ACTION_DURATION = Duration.seconds(20);

    /** Share of the window's width a notification may take. */
    private static final double WIDTH_SHARE = 0.6;
    /** Rough width of a character of the notification text, in pixels. */
    private static final double CHAR_WIDTH = 7.5;
    private static final int MIN_LINE_CHARS = 30;

    private final Supplier<Window> owner;
    private final BooleanSupplier dark;
    private final String summaryTitle;

    /**
     * Subscribes to a notifier.
     *
     * @param notifier     where notices come from.
     * @param owner        the window the popups belong to; notices arriving while it is not showing only go to
     *                     history.
     * @param dark         whether the dark theme is on.
     * @param summaryTitle title of the summary that stands for many notices at once.
     */
    public NotificationPresenter(
        final Notifier notifier, final Supplier<Window> owner, final BooleanSupplier dark, final String summaryTitle)
    {
        this.owner = owner;
        this.dark = dark;
        this.summaryTitle = summaryTitle;
        notifier.addListener(this::show);
    }

    private void show(final Notice notice)
    {
        final Window window = owner.get();
        if (null == window || !window.isShowing())
        {
            return;
        }
        // The title too: it often names a destination, and a long name alone is wider than a small window.
        final int lineChars = (int)Math.max(MIN_LINE_CHARS, window.getWidth() * WIDTH_SHARE / CHAR_WIDTH);
        final Notifications popup = Notifications.create()
            .owner(window)
            .title(wrap(notice.title(), lineChars))
            .text(wrap(notice.text(), lineChars))
            .position(Pos.BOTTOM_RIGHT)
            .hideAfter(null != notice.action() ? ACTION_DURATION :
                notice.level() == NoticeLevel.ERROR ? ERROR_DURATION : INFO_DURATION)
            .styleClass("aeolus-notification", "notice-" + notice.level().name().toLowerCase(Locale.ROOT))
            .threshold(THRESHOLD, Notifications.create().title(summaryTitle));
        if (dark.getAsBoolean())
        {
            popup.darkStyle();
        }
        if (null != notice.action())
        {
            // Once used, an action (Undo) is disabled: a second click would act on what is no longer there.
            final AtomicReference<Action> action = new AtomicReference<>();
            action.set(new Action(notice.action().label(), (event) ->
            {
                if (!action.get().isDisabled())
                {
                    action.get().setDisabled(true);
                    notice.action().run();
                }
            }));
            popup.action(action.get());
        }
        switch (notice.level())
        {
            case ERROR -> popup.showError();
            case WARNING -> popup.showWarning();
            default -> popup.showInformation();
        }
    }

    /**
     * Breaks a text into lines of at most about {@code lineChars} characters at spaces, so a notification is never
     * wider than its window (a popup wider than the window is cut at the screen's edge, mid-word). Line breaks
     * already in the text stay; a word longer than a line (a long destination name) is broken after its last '.', '-',
     * '_' or '/' that fits, or at the line's length if none does.
     *
     * @param text      the text.
     * @param lineChars the longest line wanted, in characters.
     * @return the text with line breaks.
     */
    static String wrap(final String text, final int lineChars)
    {
        if (null == text || text.length() <= lineChars)
        {
            return text;
        }
        final StringBuilder wrapped = new StringBuilder(text.length() + 16);
        final String[] paragraphs = text.split("\n", -1);
        for (int i = 0; i < paragraphs.length; i++)
        {
            final String paragraph = paragraphs[i];
            if (i > 0)
            {
                wrapped.append('\n');
            }
            int lineLength = 0;
            for (final String word : paragraph.split(" "))
            {
                if (lineLength > 0 && lineLength + 1 + word.length() > lineChars)
                {
                    wrapped.append('\n');
                    lineLength = 0;
                }
                else if (lineLength > 0)
                {
                    wrapped.append(' ');
                    lineLength++;
                }
                String rest = word;
                while (0 == lineLength && rest.length() > lineChars)
                {
                    final int cut = cutOf(rest, lineChars);
                    wrapped.append(rest, 0, cut).append('\n');
                    rest = rest.substring(cut);
                }
                wrapped.append(rest);
                lineLength += rest.length();
            }
        }
        return wrapped.toString();
    }

    /** Where to cut a word longer than a line: after its last '.', '-', '_' or '/' in the line's second half. */
    private static int cutOf(final String word, final int lineChars)
    {
        for (int cut = lineChars; cut > lineChars / 2; cut--)
        {
            if (".-_/".indexOf(word.charAt(cut - 1)) >= 0)
            {
                return cut;
            }
        }
        return lineChars;
    }
}
