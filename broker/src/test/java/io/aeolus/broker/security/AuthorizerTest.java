package io.aeolus.broker.security;

import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class AuthorizerTest
{
    private final Authorizer authorizer = new Authorizer(AccessPolicy.parse(Map.of(
        "aeolus.security.role.app.send", "orders.#,prices.*",
        "aeolus.security.role.app.consume", "orders.#",
        "aeolus.security.role.app.deny.send", "orders.audit.#",
        "aeolus.security.role.auditor.send", "orders.audit.#",
        "aeolus.security.role.auditor.browse", "#",
        "aeolus.security.role.ops.all", "ops.*",
        "aeolus.security.role.ops.deny.deleteDestination", "ops.critical",
        "aeolus.security.role.viewer.manage", AccessPolicy.METRICS_TOPIC + "," + AccessPolicy.MANAGEMENT_QUEUE,
        "aeolus.unrelated.key", "ignored")), AuditLog.discarding(new CachedEpochClock()));

    @ParameterizedTest
    @CsvSource({
        "prices.*, prices.eur, true",
        "prices.*, prices, false",
        "prices.*, prices.eur.usd, false",
        "orders.#, orders, true",
        "orders.#, orders.eu, true",
        "orders.#, orders.eu.paris, true",
        "orders.#, ordersx, false",
        "#, anything.at.all, true",
        "#, x, true",
        "*.eu, orders.eu, true",
        "*.eu, orders.us, false",
        "a.#.z, a.z, true",
        "a.#.z, a.b.c.z, true",
        "a.#.z, a.b.c, false",
        "orders, orders, true",
        "orders, orders.eu, false"})
    void shouldMatchWordsWithStarAndHash(final String pattern, final String name, final boolean matches)
    {
        assertEquals(matches, DestinationPattern.parse(pattern).matches(name));
    }

    @Test
    void shouldRefuseAWildcardInsideAWord()
    {
        assertThrows(IllegalArgumentException.class, () -> DestinationPattern.parse("orders*"));
        assertThrows(IllegalArgumentException.class, () -> DestinationPattern.parse(" "));
    }

    @Test
    void shouldAllowWhatARoleGrantsAndNothingElse()
    {
        final Principal app = authorizer.principal("alice", Set.of("app"), "aeron:ipc");

        assertTrue(authorizer.isAllowed(app, Permission.SEND, "orders.eu"));
        assertTrue(authorizer.isAllowed(app, Permission.SEND, "prices.eur"));
        assertTrue(authorizer.isAllowed(app, Permission.CONSUME, "orders.eu"));
        assertFalse(authorizer.isAllowed(app, Permission.CONSUME, "prices.eur"));
        assertFalse(authorizer.isAllowed(app, Permission.BROWSE, "orders.eu"));
        assertFalse(authorizer.isAllowed(app, Permission.CREATE_DESTINATION, "orders.eu"));
        assertFalse(authorizer.isAllowed(app, Permission.SEND, "payroll"));
    }

    @Test
    void shouldNameThePermissionReallyCheckedWhenRefusing()
    {
        final Principal app = authorizer.principal("alice", Set.of("app"), "aeron:ipc");

        // Sending a management request is checked as manage: the refusal says so, not "send" (issue #20).
        assertEquals("user 'alice' is not allowed to send to 'aeolus.management' (needs permission manage)",
            Authorizer.denialMessage(app, Permission.SEND, AccessPolicy.MANAGEMENT_QUEUE));
        assertEquals("user 'alice' is not allowed to send to 'aeolus.metrics' (reserved to the broker)",
            Authorizer.denialMessage(app, Permission.SEND, AccessPolicy.METRICS_TOPIC));
        assertEquals("user 'alice' is not allowed to send to 'payroll' (needs permission send)",
            Authorizer.denialMessage(app, Permission.SEND, "payroll"));
    }

    @Test
    void shouldLetADenialWinOverAGrantFromAnyRole()
    {
        final Principal app = authorizer.principal("alice", Set.of("app"), "aeron:ipc");
        final Principal both = authorizer.principal("carol", Set.of("app", "auditor"), "aeron:ipc");
        final Principal auditor = authorizer.principal("dave", Set.of("auditor"), "aeron:ipc");

        assertFalse(authorizer.isAllowed(app, Permission.SEND, "orders.audit.eu"));
        assertFalse(authorizer.isAllowed(both, Permission.SEND, "orders.audit.eu"));
        assertTrue(authorizer.isAllowed(auditor, Permission.SEND, "orders.audit.eu"));
        assertTrue(authorizer.isAllowed(both, Permission.BROWSE, "orders.eu"));
    }

    @Test
    void shouldGrantEveryPermissionWithAllButHonourItsDenials()
    {
        final Principal ops = authorizer.principal("olga", Set.of("ops"), "aeron:ipc");

        for (final Permission permission : Permission.values())
        {
            assertTrue(authorizer.isAllowed(ops, permission, "ops.queue"), permission.configName());
        }
        assertFalse(authorizer.isAllowed(ops, Permission.DELETE_DESTINATION, "ops.critical"));
        assertTrue(authorizer.isAllowed(ops, Permission.SEND, "ops.critical"));
    }

    @Test
    void shouldGiveTheBuiltInAdminRoleEverything()
    {
        final Principal admin = authorizer.principal("admin", Set.of(AccessPolicy.ADMIN_ROLE), "aeron:ipc");

        assertTrue(authorizer.isAllowed(admin, Permission.DELETE_DESTINATION, "any.queue"));
        assertTrue(authorizer.isAllowed(admin, Permission.CONSUME, AccessPolicy.METRICS_TOPIC));
        assertTrue(authorizer.isAllowed(admin, Permission.SEND, AccessPolicy.MANAGEMENT_QUEUE));
    }

    @Test
    void shouldKeepTheManagementDestinationsForManagers()
    {
        final Principal app = authorizer.principal("alice", Set.of("app"), "aeron:ipc");
        final Principal viewer = authorizer.principal("vic", Set.of("viewer"), "aeron:ipc");
        final Principal admin = authorizer.principal("admin", Set.of(AccessPolicy.ADMIN_ROLE), "aeron:ipc");

        assertFalse(authorizer.isAllowed(app, Permission.CONSUME, AccessPolicy.METRICS_TOPIC));
        assertFalse(authorizer.isAllowed(app, Permission.SEND, AccessPolicy.MANAGEMENT_QUEUE));
        assertTrue(authorizer.isAllowed(viewer, Permission.CONSUME, AccessPolicy.METRICS_TOPIC));
        assertTrue(authorizer.isAllowed(viewer, Permission.SEND, AccessPolicy.MANAGEMENT_QUEUE));
        assertFalse(authorizer.isAllowed(admin, Permission.SEND, AccessPolicy.METRICS_TOPIC));
        assertFalse(authorizer.isAllowed(admin, Permission.CONSUME, AccessPolicy.MANAGEMENT_QUEUE));
    }

    @Test
    void shouldLetOnlyManagersReadTheTrashAndNoOneSendToIt()
    {
        final Principal app = authorizer.principal("alice", Set.of("app"), "aeron:ipc");
        final Principal admin = authorizer.principal("admin", Set.of(AccessPolicy.ADMIN_ROLE), "aeron:ipc");

        assertFalse(authorizer.isAllowed(app, Permission.BROWSE, AccessPolicy.TRASH_QUEUE));
        assertFalse(authorizer.isAllowed(app, Permission.CONSUME, AccessPolicy.TRASH_QUEUE));
        assertTrue(authorizer.isAllowed(admin, Permission.BROWSE, AccessPolicy.TRASH_QUEUE));
        assertTrue(authorizer.isAllowed(admin, Permission.MANAGE, AccessPolicy.TRASH_QUEUE));
        assertFalse(authorizer.isAllowed(admin, Permission.SEND, AccessPolicy.TRASH_QUEUE), "only the broker");
        assertFalse(authorizer.isAllowed(admin, Permission.DELETE_DESTINATION, AccessPolicy.TRASH_QUEUE));
    }

    @Test
    void shouldKeepTheMqttGatewaysQueuesToTheGateway()
    {
        final Principal admin = authorizer.principal("admin", Set.of(AccessPolicy.ADMIN_ROLE), "aeron:ipc");
        final Principal anonymous = authorizer.anonymous("aeron:ipc");
        final Principal gateway = authorizer.gateway("mqtt-gateway");
        final String retained = AccessPolicy.MQTT_PREFIX + "retained";

        assertFalse(authorizer.isAllowed(anonymous, Permission.CONSUME, retained), "nobody takes them away");
        assertFalse(authorizer.isAllowed(admin, Permission.SEND, retained), "nobody forges one");
        assertFalse(authorizer.isAllowed(admin, Permission.CONSUME, retained));
        assertTrue(authorizer.isAllowed(admin, Permission.BROWSE, retained), "managers may look");
        assertTrue(authorizer.isAllowed(gateway, Permission.SEND, retained));
        assertTrue(authorizer.isAllowed(gateway, Permission.CONSUME, retained));
        assertTrue(authorizer.isAllowed(gateway, Permission.CREATE_DESTINATION, retained));
        assertFalse(authorizer.isAllowed(gateway, Permission.SEND, "orders"), "the gateway's own queues only");
        assertTrue(AccessPolicy.isReserved(retained));
    }

    @Test
    void shouldLetAnAdminRoleDefinedInTheConfigReplaceTheBuiltInOne()
    {
        final Authorizer custom = new Authorizer(AccessPolicy.parse(Map.of(
            "aeolus.security.role.admin.manage", "#")), AuditLog.discarding(new CachedEpochClock()));
        final Principal admin = custom.principal("admin", Set.of(AccessPolicy.ADMIN_ROLE), "aeron:ipc");

        assertTrue(custom.isAllowed(admin, Permission.MANAGE, "x"));
        assertFalse(custom.isAllowed(admin, Permission.SEND, "x"));
    }

    @Test
    void shouldAllowAnonymousDevelopmentClientsEverythingButTheBrokersOwnRole()
    {
        final Principal anonymous = authorizer.anonymous("aeron:ipc");

        assertTrue(authorizer.isAllowed(anonymous, Permission.SEND, "orders.audit.eu"));
        assertTrue(authorizer.isAllowed(anonymous, Permission.CONSUME, AccessPolicy.METRICS_TOPIC));
        assertFalse(authorizer.isAllowed(anonymous, Permission.SEND, AccessPolicy.METRICS_TOPIC));
        assertEquals("anonymous", anonymous.displayName());
    }

    @Test
    void shouldDenyEverythingToNoPrincipalAndToUnknownRoles()
    {
        final Principal stranger = authorizer.principal("eve", Set.of("nonexistent"), "10.0.0.9:1234");

        assertFalse(authorizer.isAllowed(null, Permission.SEND, "orders.eu"));
        assertFalse(authorizer.isAllowed(stranger, Permission.SEND, "orders.eu"));
    }

    @Test
    void shouldShareCachedDecisionsBetweenPrincipalsWithTheSameRoles()
    {
        final Principal first = authorizer.principal("alice", Set.of("app"), "aeron:ipc");
        final Principal second = authorizer.principal("bob", Set.of("app"), "10.0.0.2:5");

        authorizer.isAllowed(first, Permission.SEND, "orders.eu");
        authorizer.isAllowed(second, Permission.SEND, "orders.eu");

        assertSame(first.profile, second.profile);
        assertEquals(1, first.profile.cachedDecisions(Permission.SEND));
    }

    @Test
    void shouldBoundTheCacheAgainstEndlessNewNames()
    {
        final Principal app = authorizer.principal("alice", Set.of("app"), "aeron:ipc");

        for (int i = 0; i < AccessProfile.CACHE_CAPACITY * 3; i++)
        {
            authorizer.isAllowed(app, Permission.SEND, "orders." + i);
        }

        assertTrue(app.profile.cachedDecisions(Permission.SEND) <= AccessProfile.CACHE_CAPACITY);
    }

    @Test
    void shouldNameTheOperationAndTheDestinationWhenDenied()
    {
        final Principal app = authorizer.principal("alice", Set.of("app"), "aeron:ipc");

        final String message = authorizer.onDenied(app, Permission.CREATE_DURABLE, "prices.eur");

        assertEquals("user 'alice' is not allowed to create a durable subscription on 'prices.eur' (needs " +
            "permission createDurable)", message);
    }

    @Test
    void shouldRefuseUnknownPermissionsAndBadRoleNamesNamingTheKey()
    {
        final IllegalArgumentException permission = assertThrows(IllegalArgumentException.class,
            () -> AccessPolicy.parse(Map.of("aeolus.security.role.app.publish", "#")));
        final IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
            () -> AccessPolicy.parse(Map.of("aeolus.security.role.a b.send", "#")));
        final IllegalArgumentException pattern = assertThrows(IllegalArgumentException.class,
            () -> AccessPolicy.parse(Map.of("aeolus.security.role.app.send", "orders*")));

        assertTrue(permission.getMessage().contains("aeolus.security.role.app.publish"), permission.getMessage());
        assertTrue(role.getMessage().contains("aeolus.security.role.a b.send"), role.getMessage());
        assertTrue(pattern.getMessage().contains("aeolus.security.role.app.send"), pattern.getMessage());
    }
}
