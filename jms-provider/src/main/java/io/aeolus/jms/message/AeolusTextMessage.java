package io.aeolus.jms.message;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;

/**
 * A message whose body is a {@code String}.
 * <p>
 * Wire body: the text's UTF-8 bytes, so {@code ""} is an empty body. A null text (no body) is the single byte
 * {@code 0xFF}, which never occurs in UTF-8, so null and {@code ""} stay distinct across the wire. A received text
 * is decoded on the first {@link #getText()}. Not thread-safe.
 */
public final class AeolusTextMessage extends AeolusMessage implements TextMessage
{
    /** The body that stands for a null text: {@code 0xFF} is never a byte of UTF-8. */
    static final byte NULL_TEXT_MARKER = (byte)0xFF;

    private static final byte[] NULL_TEXT_BODY = { NULL_TEXT_MARKER };

    private String text;
    /** A received body: a view into the frame copy, from bodyOffset for bodyLength bytes. */
    private DirectBuffer encodedBody;
    private int bodyOffset;
    private int bodyLength;
    private SharedDecodes shared;

    /**
     * Creates a writable text message with a null text.
     */
    public AeolusTextMessage()
    {
    }

    /**
     * Creates a writable text message.
     *
     * @param text the body, may be null.
     */
    public AeolusTextMessage(final String text)
    {
        this.text = text;
    }

    @Override
    public void setText(final String text) throws JMSException
    {
        checkBodyWritable();
        this.text = text;
        this.encodedBody = null;
    }

    @Override
    public String getText()
    {
        if (null != encodedBody)
        {
            final int length = bodyLength;
            if (null != shared && shared.hasText())
            {
                // Decoded by another subscriber copy of the same frame: Strings are immutable.
                text = shared.text();
            }
            else if (1 == length && NULL_TEXT_MARKER == encodedBody.getByte(bodyOffset))
            {
                text = null;
            }
            else
            {
                text = encodedBody.getStringWithoutLengthUtf8(bodyOffset, length);
                if (null != shared)
                {
                    shared.text(text);
                }
            }
            encodedBody = null;
            shared = null;
        }

        return text;
    }

    @Override
    public void clearBody() throws JMSException
    {
        super.clearBody();
        text = null;
        encodedBody = null;
        shared = null;
    }

    @Override
    public <T> T getBody(final Class<T> c) throws JMSException
    {
        final String body = getText();
        if (null == body)
        {
            return null;
        }
        if (!c.isAssignableFrom(String.class))
        {
            throw new MessageFormatException("a TextMessage body cannot be assigned to " + c.getName());
        }

        return c.cast(body);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(final Class c)
    {
        final Class<?> target = c;
        return null == getText() || target.isAssignableFrom(String.class);
    }

    @Override
    BodyType bodyType()
    {
        return BodyType.TEXT;
    }

    @Override
    void encodeBody(final JmsMessageEncoder encoder)
    {
        if (null != encodedBody)
        {
            encoder.putBody(encodedBody, bodyOffset, bodyLength);
        }
        else if (null == text)
        {
            encoder.putBody(NULL_TEXT_BODY, 0, NULL_TEXT_BODY.length);
        }
        else
        {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            encoder.putBody(bytes, 0, bytes.length);
        }
    }

    @Override
    void shareDecodes(final SharedDecodes shared)
    {
        super.shareDecodes(shared);
        this.shared = shared;
    }

    @Override
    void onReceivedBody(final DirectBuffer frame, final int offset, final int length)
    {
        text = null;
        encodedBody = frame;
        bodyOffset = offset;
        bodyLength = length;
    }

    @Override
    void copyBodyFrom(final Message foreign) throws JMSException
    {
        text = ((TextMessage)foreign).getText();
    }
}
