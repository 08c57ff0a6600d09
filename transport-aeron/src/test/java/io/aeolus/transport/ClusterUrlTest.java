package io.aeolus.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ClusterUrlTest
{
    @Test
    void shouldParseTheMembersOfAClusterUrlInOrder()
    {
        final EndpointUri uri = EndpointUri.parse("aeolus:cluster://10.0.0.1:9000,10.0.0.2:9100,h3:9200?prefetch=5");

        assertTrue(uri.isCluster());
        assertEquals(List.of("10.0.0.1:9000", "10.0.0.2:9100", "h3:9200"), uri.clusterMembers());
        assertEquals("5", uri.option("prefetch", null));
        assertEquals("aeolus:cluster://10.0.0.1:9000,10.0.0.2:9100,h3:9200?prefetch=5", uri.toString());
    }

    @Test
    void shouldRefuseAMemberWithoutAValidPortNamingIt()
    {
        final IllegalArgumentException noPort = assertThrows(IllegalArgumentException.class,
            () -> EndpointUri.parse("aeolus:cluster://h1:9000,h2"));
        assertTrue(noPort.getMessage().contains("'h2'"), noPort.getMessage());

        final IllegalArgumentException badPort = assertThrows(IllegalArgumentException.class,
            () -> EndpointUri.parse("aeolus:cluster://h1:9000,h2:70000"));
        assertTrue(badPort.getMessage().contains("h2:70000"), badPort.getMessage());

        final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
            () -> EndpointUri.parse("aeolus:cluster://"));
        assertTrue(empty.getMessage().contains("cluster URL member"), empty.getMessage());
    }

    @Test
    void shouldCarryAFrameSequenceAndAcknowledgementInTheClusterHeader()
    {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[32]);

        ClusterFraming.putHeader(buffer, 8, 42, 7);

        assertEquals(42, ClusterFraming.sequence(buffer, 8));
        assertEquals(7, ClusterFraming.acknowledged(buffer, 8));
    }
}
