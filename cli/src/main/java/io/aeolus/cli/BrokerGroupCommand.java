package io.aeolus.cli;

import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminGroup;
import io.aeolus.management.GroupStatus;
import jakarta.jms.JMSException;
import picocli.CommandLine.Command;

/**
 * {@code aeolus group}: a broker group's members with their role, term, log position and lag behind the leader, as
 * the leader sees them. Connect with the group's URL ({@code --url aeolus:cluster://h1:p1,h2:p2,h3:p3}); a single
 * broker refuses with a line saying it is not a member of a group.
 */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Show a broker group's members: role, " +
    "term, log position and lag behind the leader (connect with the aeolus:cluster:// URL).")
final class BrokerGroupCommand extends RemoteCommand
{
    int run(final AdminClient admin, final Output output) throws JMSException
    {
        final GroupStatus group = new AdminGroup(admin).status();
        if (broker.json)
        {
            output.record(group);
            return 0;
        }
        output.done("leader: " + (group.leaderMemberId() < 0 ? "none known" : "member " + group.leaderMemberId()) +
            ", term " + group.leadershipTermId() + ", as member " + group.answeringMemberId() + " sees it" +
            (group.leaderView() ? "" : " (not the leader: lags unknown)"));
        output.table(group.members(), "memberId", "endpoint", "leader", "leadershipTermId", "logPosition",
            "lagBytes", "lastHeardAgoMs");
        return 0;
    }
}
