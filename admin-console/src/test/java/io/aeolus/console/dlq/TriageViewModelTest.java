package io.aeolus.console.dlq;

import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.JobKind;
import io.aeolus.console.backend.TriageGroup;
import io.aeolus.console.backend.TriageGrouping;
import io.aeolus.console.jobs.JobFormViewModel;
import io.aeolus.console.jobs.JobsViewModel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;

import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TriageViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");

    private final FakeBackend backend = new FakeBackend().clock(() -> 1_000_000L);
    private final ImmediateTaskRunner runner = new ImmediateTaskRunner();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final JobsViewModel jobs = new JobsViewModel(backend, runner, notifier, BUNDLE);
    private final TriageViewModel viewModel = new TriageViewModel(backend, runner, notifier, BUNDLE, jobs);

    @BeforeEach
    void fillDeadLetterQueue()
    {
        final String attempts = "max delivery attempts (5) exceeded";
        final String[] reasons = {"expired", attempts, attempts};
        for (int i = 0; i < 12; i++)
        {
            backend.addDeadLetter("DLQ.orders", new DeadLetter("ID:" + i, i < 8 ? "orders" : "payments",
                reasons[i % 3], 100_000L * i, 1 + i % 2, i < 6 ? "svc-1/consumer-2" : "",
                Map.of("errorCode", i % 4 == 0 ? "E-STOCK" : "E-PRICE")));
        }
        jobs.setConnected(true);
    }

    @Test
    void shouldGroupByReasonBiggestFirstWithAHistogram()
    {
        viewModel.show("DLQ.orders");

        final List<TriageGroup> groups = viewModel.groups();
        assertEquals(List.of("max delivery attempts (5) exceeded", "expired"),
            groups.stream().map(TriageGroup::key).toList());
        assertEquals(8, groups.get(0).count());
        assertEquals(100_000L, groups.get(0).firstMs());
        assertEquals(1_100_000L, groups.get(0).lastMs());
        assertEquals(TriageViewModel.BUCKETS, groups.get(0).histogram().size());
        assertEquals(8, groups.get(0).histogram().stream().mapToInt(Integer::intValue).sum());
        assertEquals("AEOLUS_DLQ_REASON = 'expired'", groups.get(1).selector());
        assertTrue(viewModel.statusProperty().get().startsWith("12 dead letter(s) in 2 group(s)"),
            viewModel.statusProperty().get());
    }

    @Test
    void shouldRegroupWhenTheGroupingChanges()
    {
        viewModel.show("DLQ.orders");

        viewModel.groupingProperty().set(TriageGrouping.CONSUMER);

        assertEquals(List.of("svc-1/consumer-2", "(not set)"), viewModel.groups().stream().map(viewModel::keyText)
            .toList());
        assertEquals("AEOLUS_DLQ_LAST_CONSUMER IS NULL", viewModel.groups().get(1).selector());

        viewModel.groupingProperty().set(TriageGrouping.DELIVERY_COUNT);

        assertEquals("AEOLUS_DLQ_DELIVERY_COUNT = 1", viewModel.groups().get(0).selector());
    }

    @Test
    void shouldGroupByANamedPropertyOnceItIsGiven()
    {
        viewModel.show("DLQ.orders");

        viewModel.groupingProperty().set(TriageGrouping.PROPERTY);

        assertTrue(viewModel.groups().isEmpty());
        assertEquals("Enter the name of a message property and press Group", viewModel.statusProperty().get());

        viewModel.propertyProperty().set("errorCode");
        viewModel.regroup();

        assertEquals(List.of("E-PRICE", "E-STOCK"), viewModel.groups().stream().map(TriageGroup::key).toList());
        assertEquals(List.of(9L, 3L), viewModel.groups().stream().map(TriageGroup::count).toList());
    }

    @Test
    void shouldRetryOneCauseThroughTheJobFormsDryRun()
    {
        viewModel.show("DLQ.orders");
        final TriageGroup expired = viewModel.groups().get(1);

        final JobFormViewModel form = viewModel.retryForm(expired);
        form.dryRun();
        form.start();

        assertEquals(JobKind.RETRY, form.request().kind());
        assertEquals("AEOLUS_DLQ_REASON = 'expired'", form.request().selector());
        assertEquals(4, form.dryRunProperty().get().matched());
        assertEquals(List.of("ID:0", "ID:3", "ID:6", "ID:9"), backend.retriedIds());
        assertEquals(8, backend.deadLetterCount("DLQ.orders"));
    }
}
