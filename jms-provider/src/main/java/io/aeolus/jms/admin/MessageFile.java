package io.aeolus.jms.admin;

import io.aeolus.management.MessageDetail;
import io.aeolus.management.MessageInfo;
import jakarta.jms.JMSException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The message file that {@link AdminClient#exportMessages} writes and {@link AdminClient#importMessages} reads:
 * UTF-8 text, one JSON object per line (JSON Lines), so that files of any size stream and a problem is named by its
 * line. It carries every message byte for byte: headers, typed properties and the body's raw bytes in base64.
 * <p>
 * Line 1 is the header: {@code {"format":"aeolus-messages","version":1,"queue":"orders","selector":"",
 * "exportedAt":1700000000000}}. A reader refuses another format or a version it does not know (this one reads
 * {@value #VERSION}); {@code queue}, {@code selector} and {@code exportedAt} (ms since the epoch) are for people.
 * <p>
 * Every other line is one message, its fields in this order, {@code body} last:
 * <ul>
 * <li>{@code messageId}, {@code timestamp}, {@code deliveryCount}: the original's, for people; an import does not
 * reuse them (the broker gives each message a new JMSMessageID and JMSTimestamp).</li>
 * <li>{@code bodyType}: MESSAGE, TEXT, BYTES, MAP, STREAM or OBJECT (required).</li>
 * <li>{@code deliveryMode} (PERSISTENT or NON_PERSISTENT, default PERSISTENT), {@code priority} (0 to 9, default
 * 4).</li>
 * <li>{@code expiration}, {@code deliveryTime}: ms since the epoch, 0 or absent for none. An import sends a message
 * with the time to live it has left (and skips it, counted, if it has expired), and holds it until its delivery time
 * if that is still to come.</li>
 * <li>{@code type} (JMSType), {@code correlationId} (text), {@code correlationIdBytes} (base64, instead of
 * {@code correlationId} for an id set as bytes), {@code replyTo} and {@code replyToType} (QUEUE or TOPIC).</li>
 * <li>{@code properties}: an object whose every entry is {@code "name":{"type":T,"value":V}}, T being boolean, byte,
 * short, int, long, float, double or string (float and double values are numbers, or the strings NaN, Infinity and
 * -Infinity).</li>
 * <li>{@code body}: the body's raw bytes in base64 (required; empty for none): the UTF-8 text of a text body (the
 * byte 0xFF for a null text), the bytes of a bytes body, the broker's encoding of a map or stream body, the Java
 * serialization stream of an object body.</li>
 * </ul>
 * Blank lines are skipped; fields a reader does not know are ignored. An import checks the whole file before it
 * sends anything, so a malformed line leaves the queue untouched; a message the broker refuses stops the import
 * there, naming the line.
 */
public final class MessageFile
{
    /** The header's {@code format}. */
    public static final String FORMAT = "aeolus-messages";
    /** The version this client writes and reads. */
    public static final int VERSION = 1;
    /** Bytes of body per getMessage: a multiple of 3, so that the base64 of the slices joins up. */
    static final int SLICE_LENGTH = 3 * 1024 * 1024;
    private static final int PAGE = 1000;

    private MessageFile()
    {
    }

    static int export(final AdminClient admin, final String queue, final String selector, final Path file)
        throws JMSException, IOException
    {
        final Path part = file.resolveSibling(file.getFileName() + ".part");
        int exported = 0;
        try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8))
        {
            final StringBuilder header = new StringBuilder("{\"format\":");
            Json.appendString(header, FORMAT);
            header.append(",\"version\":").append(VERSION).append(",\"queue\":");
            Json.appendString(header, queue);
            header.append(",\"selector\":");
            Json.appendString(header, null == selector ? "" : selector);
            header.append(",\"exportedAt\":").append(System.currentTimeMillis()).append("}\n");
            out.write(header.toString());
            for (int offset = 0; ; offset += PAGE)
            {
                final List<MessageInfo> page = admin.browse(queue, selector, offset, PAGE);
                for (final MessageInfo message : page)
                {
                    exported += !message.messageId().isEmpty() && exportOne(admin, queue, message.messageId(), out) ?
                        1 : 0;
                }
                if (page.size() < PAGE)
                {
                    break;
                }
            }
        }
        catch (final JMSException | IOException | RuntimeException ex)
        {
            Files.deleteIfExists(part);
            throw ex;
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        return exported;
    }

    /**
     * @return false if the message was gone before its first slice was read.
     */
    private static boolean exportOne(final AdminClient admin, final String queue, final String messageId,
        final Writer out) throws JMSException, IOException
    {
        MessageDetail slice;
        try
        {
            slice = admin.getMessage(queue, messageId, 0, SLICE_LENGTH);
        }
        catch (final JMSException ex)
        {
            if ("UNKNOWN_MESSAGE".equals(ex.getErrorCode()))
            {
                // Consumed since the page was browsed: not exported.
                return false;
            }
            throw ex;
        }
        out.write(headersOf(slice));
        out.write(Base64.getEncoder().encodeToString(slice.body()));
        while (!slice.isLastSlice())
        {
            final long next = slice.bodyOffset() + slice.body().length;
            try
            {
                slice = admin.getMessage(queue, messageId, next, SLICE_LENGTH);
            }
            catch (final JMSException ex)
            {
                throw new IOException("message '" + messageId + "' left the queue while its body was being " +
                    "exported: pause the queue and export again", ex);
            }
            out.write(Base64.getEncoder().encodeToString(slice.body()));
        }
        out.write("\"}\n");
        return true;
    }

    /**
     * The line of a message up to the opening quote of its body.
     */
    private static String headersOf(final MessageDetail message)
    {
        final StringBuilder line = new StringBuilder("{");
        field(line, "messageId", message.messageId());
        line.append(",\"timestamp\":").append(message.timestamp());
        line.append(",\"deliveryCount\":").append(message.deliveryCount());
        line.append(',');
        field(line, "bodyType", message.bodyType());
        line.append(',');
        field(line, "deliveryMode", message.persistent() ? "PERSISTENT" : "NON_PERSISTENT");
        line.append(",\"priority\":").append(message.priority());
        line.append(",\"expiration\":").append(message.expiration());
        line.append(",\"deliveryTime\":").append(message.deliveryTime());
        line.append(',');
        field(line, "type", message.type());
        line.append(',');
        if (null != message.correlationIdBytes())
        {
            field(line, "correlationIdBytes", Base64.getEncoder().encodeToString(message.correlationIdBytes()));
        }
        else
        {
            field(line, "correlationId", message.correlationId());
        }
        line.append(',');
        field(line, "replyTo", message.replyTo());
        line.append(',');
        field(line, "replyToType", message.replyToType());
        line.append(",\"properties\":{");
        boolean first = true;
        for (final Map.Entry<String, Object> property : message.properties().entrySet())
        {
            line.append(first ? "" : ",");
            first = false;
            Json.appendString(line, property.getKey());
            line.append(":{");
            appendTyped(line, property.getValue());
            line.append('}');
        }
        line.append("},\"body\":\"");
        return line.toString();
    }

    private static void field(final StringBuilder line, final String name, final String value)
    {
        Json.appendString(line, name);
        line.append(':');
        Json.appendString(line, null == value ? "" : value);
    }

    private static void appendTyped(final StringBuilder line, final Object value)
    {
        final String type = MessageFileReader.typeName(value);
        field(line, "type", type);
        line.append(",\"value\":");
        if (value instanceof Boolean || value instanceof Byte || value instanceof Short ||
            value instanceof Integer || value instanceof Long)
        {
            line.append(value);
        }
        else if ((value instanceof Float && Float.isFinite((Float)value)) ||
            (value instanceof Double && Double.isFinite((Double)value)))
        {
            line.append(value);
        }
        else if (value instanceof byte[])
        {
            Json.appendString(line, Base64.getEncoder().encodeToString((byte[])value));
        }
        else
        {
            Json.appendString(line, String.valueOf(value));
        }
    }

    static ImportResult importFile(final AdminClient admin, final Path file, final String queue)
        throws JMSException, IOException
    {
        // First pass: the whole file must read before anything is sent.
        read(file, null, null);
        return read(file, admin, queue);
    }

    private static ImportResult read(final Path file, final AdminClient admin, final String queue)
        throws JMSException, IOException
    {
        int imported = 0;
        int expired = 0;
        int number = 1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            MessageFileReader.readHeader(in.readLine());
            for (String line = in.readLine(); null != line; line = in.readLine())
            {
                number++;
                if (line.isBlank())
                {
                    continue;
                }
                final NewMessage message = MessageFileReader.message(line, number, System.currentTimeMillis());
                if (null == message)
                {
                    expired++;
                }
                else if (null != admin)
                {
                    send(admin, queue, message, number);
                    imported++;
                }
            }
        }
        catch (final CharacterCodingException ex)
        {
            throw new MessageFileException(number + 1, "not UTF-8 text");
        }
        return new ImportResult(imported, expired);
    }

    private static void send(final AdminClient admin, final String queue, final NewMessage message, final int line)
        throws JMSException
    {
        try
        {
            admin.sendMessage(queue, false, message);
        }
        catch (final JMSException ex)
        {
            throw MessageRows.prefixed(ex, "line " + line + ": ");
        }
    }
}
