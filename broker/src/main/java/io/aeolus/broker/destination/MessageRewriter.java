package io.aeolus.broker.destination;

import io.aeolus.broker.transform.MessageView;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds a message's encoded {@code JmsMessage} frame for another destination with extra properties: what a move
 * to a dead-letter or expiry queue needs. The header and the fixed block are copied as they are (so fields of a
 * newer schema version survive), then the destination type and, if asked, the expiration are overwritten; the
 * variable fields are copied in order, with the destination replaced and the properties merged (the extra ones
 * win). Properties that cannot be decoded are replaced by the extra ones alone. A management copy also gets a
 * JMSMessageID of its own.
 * <p>
 * Allocates the new frame and the merged properties: for the rare move, never on the dispatch path. One instance per
 * conductor; not thread-safe.
 */
public final class MessageRewriter
{
    /** For {@link #rewrite(BrokerMessage, long, String, DestinationType, Map, long, Set)}: keep the original's. */
    public static final long KEEP_EXPIRATION = -1;

    private static final int SLACK = 256;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final JmsMessageDecoder decoder = new JmsMessageDecoder();
    private final JmsMessageEncoder encoder = new JmsMessageEncoder();
    private final UnsafeBuffer field = new UnsafeBuffer(new byte[0]);
    private final ExpandableArrayBuffer properties = new ExpandableArrayBuffer(SLACK);

    /**
     * Rebuilds a message.
     *
     * @param original        the message as it was stored.
     * @param messageId       the broker's id for the copy.
     * @param destination     the destination the copy is addressed to.
     * @param destinationType its type.
     * @param extraProperties properties added to (or replacing those of) the original.
     * @param clearExpiration true to make the copy never expire.
     * @return the copy.
     */
    public BrokerMessage rewrite(
        final BrokerMessage original,
        final long messageId,
        final String destination,
        final DestinationType destinationType,
        final Map<String, Object> extraProperties,
        final boolean clearExpiration)
    {
        return rewrite(original, messageId, destination, destinationType, extraProperties, clearExpiration,
            Collections.emptySet());
    }

    /**
     * Rebuilds a message, dropping some of its properties (a dead letter retried to its original destination).
     *
     * @param original          the message as it was stored.
     * @param messageId         the broker's id for the copy.
     * @param destination       the destination the copy is addressed to.
     * @param destinationType   its type.
     * @param extraProperties   properties added to (or replacing those of) the original.
     * @param clearExpiration   true to make the copy never expire.
     * @param removedProperties names of properties the copy does not keep.
     * @return the copy.
     */
    public BrokerMessage rewrite(
        final BrokerMessage original,
        final long messageId,
        final String destination,
        final DestinationType destinationType,
        final Map<String, Object> extraProperties,
        final boolean clearExpiration,
        final Set<String> removedProperties)
    {
        return rebuild(original, messageId, null, destination, destinationType, extraProperties,
            clearExpiration ? 0 : KEEP_EXPIRATION, removedProperties);
    }

    /**
     * Rebuilds a message with a given expiration (a message put in the trash, or restored from it).
     *
     * @param original          the message as it was stored.
     * @param messageId         the broker's id for the copy.
     * @param destination       the destination the copy is addressed to.
     * @param destinationType   its type.
     * @param extraProperties   properties added to (or replacing those of) the original.
     * @param expiration        the copy's JMSExpiration (ms since the epoch, 0 for never), or
     *                          {@link #KEEP_EXPIRATION}.
     * @param removedProperties names of properties the copy does not keep.
     * @return the copy.
     */
    public BrokerMessage rewrite(
        final BrokerMessage original,
        final long messageId,
        final String destination,
        final DestinationType destinationType,
        final Map<String, Object> extraProperties,
        final long expiration,
        final Set<String> removedProperties)
    {
        return rebuild(original, messageId, null, destination, destinationType, extraProperties, expiration,
            removedProperties);
    }

    /**
     * Copies a message for another destination as a message of its own: the same headers, properties and body, but
     * a new JMSMessageID (a management copy, where the original stays).
     *
     * @param original        the message as it was stored.
     * @param messageId       the broker's id for the copy.
     * @param jmsMessageId    the copy's JMSMessageID.
     * @param destination     the destination the copy is addressed to.
     * @param destinationType its type.
     * @return the copy.
     */
    public BrokerMessage duplicate(
        final BrokerMessage original,
        final long messageId,
        final String jmsMessageId,
        final String destination,
        final DestinationType destinationType)
    {
        return rebuild(original, messageId, jmsMessageId, destination, destinationType, Collections.emptyMap(),
            KEEP_EXPIRATION, Collections.emptySet());
    }

    /**
     * A transformer's view of a message: body type, body, properties, JMSType. Allocates.
     *
     * @param message the message.
     * @return the view; properties that cannot be decoded are left out.
     */
    public MessageView view(final BrokerMessage message)
    {
        final DirectBuffer source = message.encoded();
        headerDecoder.wrap(source, 0);
        decoder.wrap(source, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());
        final String bodyType = decoder.bodyType().name();
        decoder.skipMessageId();
        decoder.skipDestination();
        decoder.skipReplyTo();
        decoder.skipCorrelationId();
        final String jmsType = decoder.jmsType();
        decoder.wrapProperties(field);
        final Map<String, Object> properties = merge(field, Collections.emptyMap());
        final byte[] body = new byte[decoder.bodyLength()];
        decoder.getBody(body, 0, body.length);
        return new MessageView(bodyType, body, properties, jmsType.isEmpty() ? null : jmsType);
    }

    /**
     * Rebuilds a message as a transformer changed it: the same headers (JMSMessageID included) and destination,
     * the view's body type, body, properties and JMSType. Allocates.
     *
     * @param original  the message the transformer was given.
     * @param messageId the broker's id for the result.
     * @param view      what the transformer made of it.
     * @return the message.
     * @throws IllegalArgumentException if the view's body type is unknown or a property value has a type the wire
     *                                  cannot carry.
     */
    public BrokerMessage transformed(final BrokerMessage original, final long messageId, final MessageView view)
    {
        final BodyType bodyType;
        try
        {
            bodyType = BodyType.valueOf(view.bodyType());
        }
        catch (final IllegalArgumentException | NullPointerException ex)
        {
            throw new IllegalArgumentException("unknown body type '" + view.bodyType() + "'", ex);
        }
        final DirectBuffer source = original.encoded();
        headerDecoder.wrap(source, 0);
        final int blockLength = headerDecoder.blockLength();
        final int fixedLength = MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
        decoder.wrap(source, MessageHeaderDecoder.ENCODED_LENGTH, blockLength, headerDecoder.version());
        final ExpandableArrayBuffer target = new ExpandableArrayBuffer(original.encodedLength() + view.body().length +
            SLACK);
        target.putBytes(0, source, 0, fixedLength);
        encoder.wrap(target, MessageHeaderDecoder.ENCODED_LENGTH).bodyType(bodyType);
        encoder.limit(fixedLength);
        decoder.wrapMessageId(field);
        encoder.putMessageId(field, 0, field.capacity());
        decoder.wrapDestination(field);
        encoder.putDestination(field, 0, field.capacity());
        decoder.wrapReplyTo(field);
        encoder.putReplyTo(field, 0, field.capacity());
        decoder.wrapCorrelationId(field);
        encoder.putCorrelationId(field, 0, field.capacity());
        decoder.skipJmsType();
        encoder.jmsType(null == view.jmsType() ? "" : view.jmsType());
        final int propertiesLength = PropertiesCodec.encode(view.properties(), properties, 0);
        encoder.putProperties(properties, 0, propertiesLength);
        encoder.putBody(view.body(), 0, view.body().length);
        return BrokerMessage.decode(messageId, target, 0, encoder.limit());
    }

    private BrokerMessage rebuild(
        final BrokerMessage original,
        final long messageId,
        final String jmsMessageId,
        final String destination,
        final DestinationType destinationType,
        final Map<String, Object> extraProperties,
        final long expiration,
        final Set<String> removedProperties)
    {
        final DirectBuffer source = original.encoded();
        headerDecoder.wrap(source, 0);
        final int blockLength = headerDecoder.blockLength();
        final int fixedLength = MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
        decoder.wrap(source, MessageHeaderDecoder.ENCODED_LENGTH, blockLength, headerDecoder.version());

        final int newIdLength = null == jmsMessageId ? 0 : jmsMessageId.length() * 3;
        final ExpandableArrayBuffer target = new ExpandableArrayBuffer(
            original.encodedLength() + destination.length() * 3 + newIdLength + SLACK);
        target.putBytes(0, source, 0, fixedLength);
        encoder.wrap(target, MessageHeaderDecoder.ENCODED_LENGTH).destinationType(destinationType);
        if (KEEP_EXPIRATION != expiration)
        {
            encoder.expiration(expiration);
        }
        if (null != jmsMessageId)
        {
            encoder.flags().messageIdDisabled(false);
        }
        encoder.limit(fixedLength);

        decoder.wrapMessageId(field);
        if (null == jmsMessageId)
        {
            encoder.putMessageId(field, 0, field.capacity());
        }
        else
        {
            encoder.messageId(jmsMessageId);
        }
        decoder.skipDestination();
        encoder.destination(destination);
        decoder.wrapReplyTo(field);
        encoder.putReplyTo(field, 0, field.capacity());
        decoder.wrapCorrelationId(field);
        encoder.putCorrelationId(field, 0, field.capacity());
        decoder.wrapJmsType(field);
        encoder.putJmsType(field, 0, field.capacity());
        decoder.wrapProperties(field);
        final Map<String, Object> merged = merge(field, extraProperties);
        merged.keySet().removeAll(removedProperties);
        final int propertiesLength = PropertiesCodec.encode(merged, properties, 0);
        encoder.putProperties(properties, 0, propertiesLength);
        decoder.wrapBody(field);
        encoder.putBody(field, 0, field.capacity());

        return BrokerMessage.decode(messageId, target, 0, encoder.limit());
    }

    private static Map<String, Object> merge(final DirectBuffer encodedProperties, final Map<String, Object> extra)
    {
        Map<String, Object> merged;
        try
        {
            merged = PropertiesCodec.decode(encodedProperties, 0, encodedProperties.capacity());
        }
        catch (final IllegalArgumentException ex)
        {
            merged = new LinkedHashMap<>();
        }
        merged.putAll(extra);
        return merged;
    }
}
