package io.aeolus.jms.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.naming.Reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aeolus.jms.AeolusDestination;
import io.aeolus.jms.AeolusObjectFactory;
import io.aeolus.jms.AeolusQueue;
import io.aeolus.jms.AeolusTemporaryQueue;
import io.aeolus.jms.AeolusTemporaryTopic;
import io.aeolus.jms.AeolusTopic;
import io.aeolus.transport.codecs.DestinationType;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Destinations as messages carry them: identity by kind and name, JNDI references, serialization, and deletion of
 * temporary destinations through their owner.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DestinationTest
{
    @Test
    void shouldBeEqualByKindAndName()
    {
        assertEquals(new AeolusQueue("a"), new AeolusQueue("a"));
        assertEquals(new AeolusQueue("a").hashCode(), new AeolusQueue("a").hashCode());
        assertNotEquals(new AeolusQueue("a"), new AeolusTopic("a"));
        assertNotEquals(new AeolusQueue("a"), new AeolusTemporaryQueue("a", null));
        assertNotEquals(new AeolusQueue("a"), new AeolusQueue("b"));
        assertEquals(new AeolusTemporaryTopic("t", destination -> { }), new AeolusTemporaryTopic("t", null));
    }

    @Test
    void shouldDescribeItselfByKindAndName() throws JMSException
    {
        assertEquals("queue://orders", new AeolusQueue("orders").toString());
        assertEquals("topic://prices", new AeolusTopic("prices").toString());
        assertEquals("temp-queue://q1", new AeolusTemporaryQueue("q1", null).toString());
        assertEquals("temp-topic://t1", new AeolusTemporaryTopic("t1", null).toString());
        assertEquals("orders", new AeolusQueue("orders").getQueueName());
        assertEquals("prices", new AeolusTopic("prices").getTopicName());
    }

    @Test
    void shouldRefuseAnEmptyName()
    {
        assertThrows(IllegalArgumentException.class, () -> new AeolusQueue(""));
        assertThrows(IllegalArgumentException.class, () -> new AeolusTopic(null));
    }

    @Test
    void shouldBuildTheDestinationAWireFrameNames()
    {
        assertEquals(new AeolusTopic("x"), AeolusDestination.of(DestinationType.TOPIC, "x"));
        assertEquals(new AeolusTemporaryQueue("x", null), AeolusDestination.of(DestinationType.TEMPORARY_QUEUE, "x"));
        assertNull(AeolusDestination.of(DestinationType.NONE, "x"));
        assertNull(AeolusDestination.of(DestinationType.QUEUE, ""));
    }

    @Test
    void shouldDeleteATemporaryDestinationThroughItsOwner() throws JMSException
    {
        final List<AeolusDestination> deleted = new ArrayList<>();
        final AeolusTemporaryQueue queue = new AeolusTemporaryQueue("q", deleted::add);

        queue.delete();

        assertEquals(List.of(queue), deleted);
        assertTrue(queue.isTemporary());
        assertTrue(queue.isQueue());
    }

    @Test
    void shouldRefuseToDeleteATemporaryDestinationWithoutItsOwner()
    {
        assertThrows(IllegalStateException.class, () -> new AeolusTemporaryTopic("t", null).delete());
        assertThrows(IllegalStateException.class, () -> new AeolusTemporaryQueue("q", null).delete());
    }

    @Test
    void shouldRebuildEachKindFromItsJndiReference() throws Exception
    {
        final AeolusObjectFactory factory = new AeolusObjectFactory();
        for (final AeolusDestination destination : List.of(new AeolusQueue("q"), new AeolusTopic("t"),
            new AeolusTemporaryQueue("tq", null), new AeolusTemporaryTopic("tt", null)))
        {
            final Reference reference = destination.getReference();

            final Object rebuilt = factory.getObjectInstance(reference, null, null, null);

            assertEquals(destination, rebuilt);
            assertEquals(AeolusObjectFactory.class.getName(), reference.getFactoryClassName());
        }
        assertNull(factory.getObjectInstance("not a reference", null, null, null));
        assertNull(factory.getObjectInstance(new Reference("other.Class"), null, null, null));
    }

    @Test
    void shouldSurviveJavaSerialization() throws IOException, ClassNotFoundException
    {
        final AeolusTemporaryQueue original = new AeolusTemporaryQueue("q", destination -> { });

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(original);
        }
        final Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        assertEquals(original, copy);
        assertThrows(IllegalStateException.class, () -> ((AeolusTemporaryQueue)copy).delete());
    }

    @Test
    void shouldConvertForeignQueuesAndRefuseUnknownDestinations() throws JMSException
    {
        final AeolusQueue ours = new AeolusQueue("q");

        assertSame(ours, AeolusDestination.toAeolus(ours));
        assertEquals(new AeolusQueue("replies"), AeolusDestination.toAeolus(ForeignMessages.queue("replies")));
        assertNull(AeolusDestination.toAeolus(null));
        assertThrows(InvalidDestinationException.class,
            () -> AeolusDestination.toAeolus(ForeignMessages.unknownDestination()));
        assertFalse(new AeolusTopic("t").isQueue());
    }
}
