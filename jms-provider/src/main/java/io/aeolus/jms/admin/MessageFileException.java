package io.aeolus.jms.admin;

import java.io.IOException;

/**
 * A message file ({@link MessageFile}) that cannot be read: not one, of a version this client does not read, or
 * with a malformed line. The message names the line.
 */
public final class MessageFileException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param line    the line's number, from 1.
     * @param problem what is wrong with it.
     */
    public MessageFileException(final int line, final String problem)
    {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /**
     * @return the number of the malformed line, from 1.
     */
    public int line()
    {
        return line;
    }
}
