package io.aeolus.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The console's command line: demo data, or a broker to connect to at start (URL, user, and a password from a file or
 * the environment, never from the command line), and the tab to open on. Without {@code --url} the console opens the
 * connect dialog; with it the dialog shows the connect under way and closes once connected, or stays open with the
 * reason. Immutable; {@link #parse} names the bad argument.
 *
 * @param demo     show demo data instead of connecting ({@code --demo}).
 * @param url      the broker to connect to at start, empty for none.
 * @param user     user name, empty for an anonymous login (or the JMS client's own defaults).
 * @param password the password, empty without a user.
 * @param tabId    the id of the tab to open on, e.g. {@code destinationsTab}, empty for the first.
 */
public record StartOptions(boolean demo, String url, String user, char[] password, String tabId)
{
    // Before USAGE, which lists them.
    private static final String[] TAB_IDS = {"dashboardTab", "destinationsTab", "deadLettersTab", "browserTab",
        "connectionsTab", "subscriptionsTab", "jobsTab", "trashTab", "overviewTab", "xaBranchesTab", "routingTab",
        "bridgesTab", "usersTab"};

    /** What {@code --help} prints. */
    public static final String USAGE = String.join(System.lineSeparator(),
        "Usage: aeolus-console [--demo] [--url URL [--user NAME] [--password-file FILE]] [--tab NAME]",
        "  --demo                demo data, no broker",
        "  --url URL             connect to this broker at start, e.g. aeolus:udp://broker-host:5150",
        "  --user NAME           log in as NAME (default $AEOLUS_USER; none: as the JMS client's defaults)",
        "  --password-file FILE  the user's password, alone in FILE (default $AEOLUS_PASSWORD, else",
        "                        $AEOLUS_PASSWORD_FILE); never on the command line",
        "  --tab NAME            open on this tab, one of:",
        "                        " + String.join(", ", tabNames()),
        "  --help                this text");

    /**
     * Reads the command line.
     *
     * @param args        the arguments.
     * @param environment the environment ({@code System::getenv} outside tests).
     * @return the options.
     * @throws IllegalArgumentException naming the bad argument, or an unreadable password file.
     */
    public static StartOptions parse(final List<String> args, final Function<String, String> environment)
    {
        boolean demo = false;
        String url = null;
        String user = null;
        String passwordFile = null;
        String tab = null;
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            final int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            final String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (ConsoleApp.DEMO_FLAG.equals(name))
            {
                if (equals > 0)
                {
                    throw new IllegalArgumentException("--demo takes no value: " + arg);
                }
                demo = true;
                continue;
            }
            final String value = switch (name)
            {
                case "--url" -> value(args, i, arg, equals, url);
                case "--user" -> value(args, i, arg, equals, user);
                case "--password-file" -> value(args, i, arg, equals, passwordFile);
                case "--tab" -> value(args, i, arg, equals, tab);
                default -> throw new IllegalArgumentException((arg.startsWith("-") ? "unknown option " :
                    "unexpected argument ") + arg + " (aeolus-console --help lists the options)");
            };
            switch (name)
            {
                case "--url" -> url = value;
                case "--user" -> user = value;
                case "--password-file" -> passwordFile = value;
                default -> tab = value;
            }
            if (equals < 0)
            {
                i++; // the value was the next argument
            }
        }
        return of(demo, url, user, passwordFile, tab, environment);
    }

    /**
     * The help text's list of tab names.
     *
     * @return the names {@code --tab} takes.
     */
    public static List<String> tabNames()
    {
        return Arrays.stream(TAB_IDS).map((id) -> id.substring(0, id.length() - "Tab".length())
            .toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Whether the console connects at start.
     *
     * @return true with a URL.
     */
    public boolean connectsAtStart()
    {
        return !url.isEmpty();
    }

    /**
     * Leaves the password out, so that the options can be logged.
     *
     * @return the options in words.
     */
    @Override
    public String toString()
    {
        return "StartOptions[demo=" + demo + ", url=" + url + ", user=" + user + ", password=" +
            (0 == password.length ? "none" : "(hidden)") + ", tabId=" + tabId + "]";
    }

    private static StartOptions of(
        final boolean demo,
        final String url,
        final String user,
        final String passwordFile,
        final String tab,
        final Function<String, String> environment)
    {
        if (demo && null != url)
        {
            throw new IllegalArgumentException("--demo shows demo data and connects to no broker: drop --url or " +
                "--demo");
        }
        if (null == url && (null != user || null != passwordFile))
        {
            throw new IllegalArgumentException((null != user ? "--user" : "--password-file") +
                " needs --url: without a URL the connect dialog asks for the credentials");
        }
        if (null != url && !url.strip().startsWith("aeolus:"))
        {
            throw new IllegalArgumentException("--url " + url + ": a broker URL starts with aeolus:, e.g. " +
                "aeolus:udp://broker-host:5150");
        }
        final String tabId = null == tab ? "" : tabId(tab);
        if (null == url)
        {
            return new StartOptions(demo, "", "", new char[0], tabId);
        }
        final String login = null != user ? user.strip() : blankToEmpty(environment.apply("AEOLUS_USER"));
        if (null != user && login.isEmpty())
        {
            throw new IllegalArgumentException("--user is empty: name the user, or leave --user out");
        }
        final char[] password = login.isEmpty() ? new char[0] : password(login, passwordFile, environment);
        return new StartOptions(false, url.strip(), login, password, tabId);
    }

    private static char[] password(
        final String login, final String passwordFile, final Function<String, String> environment)
    {
        if (null != passwordFile)
        {
            return readPasswordFile(passwordFile, "--password-file");
        }
        final String direct = environment.apply("AEOLUS_PASSWORD");
        if (null != direct && !direct.isEmpty())
        {
            return direct.toCharArray();
        }
        final String file = environment.apply("AEOLUS_PASSWORD_FILE");
        if (null != file && !file.isBlank())
        {
            return readPasswordFile(file, "AEOLUS_PASSWORD_FILE");
        }
        throw new IllegalArgumentException("no password for user " + login + ": give --password-file FILE, or set " +
            "AEOLUS_PASSWORD_FILE or AEOLUS_PASSWORD");
    }

    /** The file holds the password alone; one trailing line break is not part of it. */
    private static char[] readPasswordFile(final String file, final String origin)
    {
        final String text;
        try
        {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException(origin + " " + file + ": cannot read the password file (" +
                ex.getClass().getSimpleName() + ")", ex);
        }
        final String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) :
            text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (password.isEmpty())
        {
            throw new IllegalArgumentException(origin + " " + file + ": the password file is empty");
        }
        return password.toCharArray();
    }

    private static String tabId(final String tab)
    {
        final String wanted = tab.strip().toLowerCase(Locale.ROOT).replace("-", "");
        for (final String id : TAB_IDS)
        {
            if (id.toLowerCase(Locale.ROOT).equals(wanted + "tab"))
            {
                return id;
            }
        }
        throw new IllegalArgumentException("--tab " + tab + ": no such tab; one of " +
            String.join(", ", tabNames()));
    }

    private static String value(
        final List<String> args, final int index, final String arg, final int equals, final String previous)
    {
        final String name = equals > 0 ? arg.substring(0, equals) : arg;
        if (null != previous)
        {
            throw new IllegalArgumentException(name + " is given twice");
        }
        final String value = equals > 0 ? arg.substring(equals + 1) :
            index + 1 < args.size() ? args.get(index + 1) : null;
        if (null == value || value.isBlank() || (equals < 0 && value.startsWith("--")))
        {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }

    private static String blankToEmpty(final String value)
    {
        return null == value ? "" : value.strip();
    }
}
