package io.aeolus.cluster;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.transport.auth.ScramCredential;
import io.aeolus.transport.crypto.TransportEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ClusterNodeSettingsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldDeriveEveryEndpointFromTheMembersPorts()
    {
        final ClusterNodeSettings settings = ClusterNodeSettings.resolve(context("h0:9000,h1:9100,h2:9200", "1"));

        assertEquals(1, settings.memberId());
        assertEquals("0,h0:9000,h0:9001,h0:9002,h0:9003,h0:9004|1,h1:9100,h1:9101,h1:9102,h1:9103,h1:9104|" +
            "2,h2:9200,h2:9201,h2:9202,h2:9203,h2:9204", settings.clusterMembers());
        assertEquals("h1:9104", settings.endpoint(1, 4));
        assertEquals("aeolus:cluster://h0:9000,h1:9100,h2:9200", settings.clientUrl());
        assertEquals(dir.resolve("data").resolve("cluster"), settings.clusterDirectory());
        assertTrue(settings.aeronDirectoryName().endsWith("-member-1"));
    }

    @Test
    void shouldRefuseBadMembersNamingTheOption()
    {
        assertProblem(context("", "0"), "aeolus.cluster.members is empty");
        assertProblem(context("h0:9000,h1", "0"), "member 'h1' is not host:port");
        assertProblem(context("h0:9000,h1:65533", "0"), "needs ports 65533 to 65537");
        assertProblem(context("h0:9000,h0:9000", "0"), "listed twice");
        assertProblem(context("h0:9000,h1:9100", "2"), "aeolus.cluster.member.id: 2 is not a member");
        assertProblem(context("h0:9000,h1:9100", "one"), "aeolus.cluster.member.id: expected a number");
    }

    @Test
    void shouldRefuseTimeoutsThatCannotWork()
    {
        final Broker.Context heartbeats = context("h0:9000", "0")
            .set(BrokerConfiguration.CLUSTER_HEARTBEAT_INTERVAL, "300ms")
            .set(BrokerConfiguration.CLUSTER_LEADER_TIMEOUT, "500ms");
        assertProblem(heartbeats, "aeolus.cluster.leader.timeout: must be more than twice");
        assertProblem(context("h0:9000", "0").set(BrokerConfiguration.CLUSTER_LOG_FSYNC, "maybe"),
            "aeolus.cluster.log.fsync: expected true or false");
    }

    @Test
    void shouldDefaultToTimeoutsForASubSecondFailover()
    {
        final ClusterNodeSettings settings = ClusterNodeSettings.resolve(context("h0:9000,h1:9100,h2:9200", "0"));

        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), settings.heartbeatIntervalNs());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(400), settings.leaderTimeoutNs());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), settings.electionTimeoutNs());
        // Election status (canvass positions, a new leader's term) every tenth of the election timeout, 10-100 ms.
        assertEquals(TimeUnit.MILLISECONDS.toNanos(10), ClusterNode.electionStatusIntervalNs(
            settings.electionTimeoutNs()));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(20), ClusterNode.electionStatusIntervalNs(
            TimeUnit.MILLISECONDS.toNanos(200)));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(10), ClusterNode.electionStatusIntervalNs(
            TimeUnit.MILLISECONDS.toNanos(50)));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), ClusterNode.electionStatusIntervalNs(
            TimeUnit.SECONDS.toNanos(5)));
    }

    @Test
    void shouldRefuseToStartAMemberAsASingleBroker()
    {
        final IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
            () -> Broker.launch(context("h0:9000,h1:9100,h2:9200", "0")));

        assertTrue(problem.getMessage().contains("aeolus-cluster.jar"), problem.getMessage());
    }

    @Test
    void shouldRefuseSecurityWithoutAUsersFileAndEncryptionWithoutItsKey()
    {
        assertProblem(context("h0:9000", "0").set(BrokerConfiguration.SECURITY, "on"),
            "aeolus.broker.security.users.file: no users file at");
        assertProblem(context("h0:9000", "0").set(BrokerConfiguration.TRANSPORT_ENCRYPTION, "on"),
            "aeolus.broker.transport.encryption=on: a broker group member shares its encrypted clients' keys");
        final ClusterNodeSettings encrypted = ClusterNodeSettings.resolve(context("h0:9000", "0")
            .set(BrokerConfiguration.SECURITY, "on")
            .set(BrokerConfiguration.SECURITY_USERS_FILE, usersFile().toString())
            .set(BrokerConfiguration.TRANSPORT_ENCRYPTION, "required"));
        assertEquals(TransportEncryption.REQUIRED, encrypted.encryption());
        final ClusterNodeSettings auto = ClusterNodeSettings.resolve(context("h0:9000", "0")
            .set(BrokerConfiguration.SECURITY, "on")
            .set(BrokerConfiguration.SECURITY_USERS_FILE, usersFile().toString()));
        assertEquals(SecurityMode.ON, auto.security().mode());
        assertEquals(TransportEncryption.OFF, auto.encryption(), "auto is clear in a group");
    }

    @Test
    void shouldRefuseTheMqttGatewayInAGroup()
    {
        assertProblem(context("h0:9000", "0").set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:1883"),
            "aeolus.broker.mqtt.endpoint=127.0.0.1:1883: the MQTT gateway does not run in a broker group");
    }

    @Test
    void shouldRefuseAnExtensionsOptionsInAGroup() throws IOException
    {
        final Path config = dir.resolve("member.properties");
        Files.writeString(config, "aeolus.testbridge.out.source.destination=queue:orders\n");
        assertProblem(context("h0:9000", "0").configFile(config),
            "aeolus.testbridge.out.source.destination: extensions such as the JMS bridge do not run in a broker group");
    }

    private Path usersFile()
    {
        final Path users = dir.resolve("users");
        final UsersFile file = UsersFile.loadOrCreate(users);
        file.put(new UserAccount("admin", ScramCredential.derive("admin-secret", 4096), Set.of("admin")));
        file.save();
        return users;
    }

    private Broker.Context context(final String members, final String memberId)
    {
        return new Broker.Context()
            .dataDirectory(dir.resolve("data"))
            .set(BrokerConfiguration.CLUSTER_MEMBERS, members)
            .set(BrokerConfiguration.CLUSTER_MEMBER_ID, memberId)
            .set(BrokerConfiguration.SECURITY, "dev");
    }

    private static void assertProblem(final Broker.Context context, final String expected)
    {
        final IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
            () -> ClusterNodeSettings.resolve(context));
        assertTrue(problem.getMessage().contains(expected), problem.getMessage());
    }
}
