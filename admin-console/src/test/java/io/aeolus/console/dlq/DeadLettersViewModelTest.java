package io.aeolus.console.dlq;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.JobKind;
import io.aeolus.management.JobState;
import io.aeolus.console.jobs.JobFormViewModel;
import io.aeolus.console.jobs.JobsViewModel;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import jakarta.jms.JMSSecurityException;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLettersViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");

    private final FakeBackend backend = new FakeBackend();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final ImmediateTaskRunner runner = new ImmediateTaskRunner();
    private final JobsViewModel jobs = new JobsViewModel(backend, runner, notifier, BUNDLE);
    private final DeadLettersViewModel viewModel = new DeadLettersViewModel(backend, runner, notifier, BUNDLE, jobs);
    private final List<Double> progress = new ArrayList<>();

    @BeforeEach
    void fillDeadLetterQueue()
    {
        for (int i = 0; i < 5; i++)
        {
            backend.addDeadLetter("DLQ.orders", new DeadLetter("ID:" + i, "orders", "expired", 1_000L * i, 3));
        }
        viewModel.progressProperty().addListener((observable, oldValue, newValue) -> progress.add((Double)newValue));
        viewModel.onDestinations(List.of(
            new DestinationInfo("orders", DestinationType.QUEUE, 1, 0, 1, 10, 5, false),
            new DestinationInfo("DLQ.orders", DestinationType.QUEUE, 5, 0, 0, 5, 0, true)));
    }

    @Test
    void shouldKeepTheChosenQueueWhenAnotherDeadLetterQueueAppears()
    {
        final DestinationInfo first = new DestinationInfo("DLQ.a", DestinationType.QUEUE, 1, 0, 0, 1, 0, true);
        final DestinationInfo chosen = new DestinationInfo("DLQ.orders", DestinationType.QUEUE, 5, 0, 0, 5, 0, true);
        viewModel.onDestinations(List.of(first, chosen));
        viewModel.selectedQueueProperty().set("DLQ.orders");
        // As the chooser does: a combo box whose items are replaced clears its value, and the binding passes it on.
        viewModel.deadLetterQueues().addListener((javafx.collections.ListChangeListener<String>)(change) ->
            viewModel.selectedQueueProperty().set(null));

        viewModel.onDestinations(List.of(first, chosen,
            new DestinationInfo("DLQ.payments", DestinationType.QUEUE, 2, 0, 0, 2, 0, true)));

        assertEquals(List.of("DLQ.a", "DLQ.orders", "DLQ.payments"), viewModel.deadLetterQueues());
        assertEquals("DLQ.orders", viewModel.selectedQueueProperty().get(), "not the first queue of the list");
    }

    @Test
    void shouldSelectTheFirstDeadLetterQueueAndLoadItsMessages()
    {
        assertEquals(List.of("DLQ.orders"), viewModel.deadLetterQueues());
        assertEquals("DLQ.orders", viewModel.selectedQueueProperty().get());
        assertEquals(5, viewModel.messages().size());
    }

    @Test
    void shouldRetryChosenMessagesAndRemoveTheirRows()
    {
        final List<DeadLetter> chosen = List.of(viewModel.messages().get(1), viewModel.messages().get(3));

        viewModel.retry(chosen);

        assertEquals(List.of("ID:1", "ID:3"), backend.retriedIds());
        assertEquals(List.of("ID:0", "ID:2", "ID:4"), ids());
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertTrue(progress.contains(0.5), progress.toString());
        assertEquals("2 message(s) retried", viewModel.statusProperty().get());
    }

    @Test
    void shouldRetryAllMessages()
    {
        viewModel.retryAll();

        assertEquals(5, backend.retriedIds().size());
        assertTrue(viewModel.messages().isEmpty());
        assertEquals(0, backend.deadLetterCount("DLQ.orders"));
    }

    @Test
    void shouldDoNothingWhenNothingIsChosen()
    {
        viewModel.retry(List.of());

        assertTrue(backend.retriedIds().isEmpty());
        assertEquals(5, viewModel.messages().size());
    }

    @Test
    void shouldExportTheSelectedDeadLetterQueueThroughTheBackendAndTellOfIt(@TempDir final Path dir)
    {
        final List<String> calls = new ArrayList<>();
        final InvocationHandler handler = (proxy, method, args) ->
        {
            if ("exportMessages".equals(method.getName()))
            {
                calls.add(args[0] + " " + args[1] + " " + args[2]);
                return 5;
            }
            return method.invoke(backend, args);
        };
        final ConsoleBackend exporting = (ConsoleBackend)Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[]{ConsoleBackend.class}, handler);
        final DeadLettersViewModel exportingModel = new DeadLettersViewModel(exporting, runner, notifier, BUNDLE,
            new JobsViewModel(exporting, runner, notifier, BUNDLE));
        exportingModel.selectedQueueProperty().set("DLQ.orders");
        final Path file = dir.resolve("dlq.jsonl");

        exportingModel.export(file);

        assertEquals(List.of("DLQ.orders  " + file), calls);
        final int last = notifier.history().size() - 1;
        assertEquals("5 messages of DLQ.orders written to " + file, notifier.history().get(last).text());
    }

    @Test
    void shouldTellOfACompletedRetry()
    {
        viewModel.retryAll();

        assertEquals(NoticeLevel.INFO, notifier.history().get(0).level());
        assertEquals("5 message(s) of DLQ.orders sent back to their original destinations",
            notifier.history().get(0).text());
    }

    @Test
    void shouldTellOfAFailedRetryWithTheBrokersWords()
    {
        backend.failOn("retryDeadLetters",
            new JMSSecurityException("user 'bob' is not allowed to manage 'DLQ.orders'", "ACCESS_DENIED"));

        viewModel.retry(List.of(viewModel.messages().get(0)));

        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("Retrying dead letters of DLQ.orders failed", notifier.history().get(0).title());
        assertEquals("user 'bob' is not allowed to manage 'DLQ.orders'", notifier.history().get(0).text());
        assertEquals(5, viewModel.messages().size());
    }

    @Test
    void shouldRetryTheChosenRowsAsAJobAfterADryRun()
    {
        final JobFormViewModel form = viewModel.bulkForm(List.of(viewModel.messages().get(0),
            viewModel.messages().get(2)));
        assertEquals(JobKind.RETRY, form.kindProperty().get());
        assertTrue(form.useSelectedProperty().get());
        assertFalse(form.canStartBinding().get());

        form.dryRun();
        form.start();

        assertEquals(2, form.dryRunProperty().get().matched());
        assertEquals(List.of("ID:0", "ID:2"), backend.retriedIds());
        assertEquals(JobState.DONE, jobs.rows().get(0).stateProperty().get());
    }

    @Test
    void shouldReloadTheTriageWithTheMessages()
    {
        assertEquals(1, viewModel.triage().groups().size());
        assertEquals("expired", viewModel.triage().groups().get(0).key());
        assertEquals(5, viewModel.triage().groups().get(0).count());
    }

    private List<String> ids()
    {
        final List<String> ids = new ArrayList<>();
        for (final DeadLetter deadLetter : viewModel.messages())
        {
            ids.add(deadLetter.messageId());
        }
        return ids;
    }

    @Test
    void shouldListOnlyTheChosenTriageGroupsDeadLettersUntilShowAll()
    {
        backend.addDeadLetter("DLQ.orders", new DeadLetter("ID:9", "orders", "poison", 9_000L, 5));
        viewModel.reload();
        final io.aeolus.console.backend.TriageGroup poison = viewModel.triage().groups().stream()
            .filter((group) -> "poison".equals(group.key())).findFirst().orElseThrow();

        viewModel.triage().selectedGroupProperty().set(poison);

        assertEquals(List.of("ID:9"), ids());
        assertTrue(viewModel.filterTextProperty().get().contains("poison"), viewModel.filterTextProperty().get());

        viewModel.showAll();

        assertEquals(6, viewModel.messages().size());
        assertEquals("", viewModel.filterTextProperty().get());
    }

    @Test
    void shouldShowWhatTheListKnowsOfTheSelectedDeadLetterWhenTheBackendCannotReadIt()
    {
        viewModel.selectedMessageProperty().set(viewModel.messages().get(2));

        final var viewer = viewModel.inspector().viewer();
        assertEquals("ID:2", viewer.messageProperty().get().messageId());
        assertTrue(viewer.properties().stream().anyMatch((field) -> "expired".equals(field.value())),
            viewer.properties().toString());
        assertTrue(viewModel.inspector().statusProperty().get().contains("cannot read one message"),
            viewModel.inspector().statusProperty().get());
    }

    @Test
    void shouldTellThatTheBackendCannotImport(@TempDir final Path dir) throws Exception
    {
        final Path file = java.nio.file.Files.writeString(dir.resolve("in.jsonl"), "");

        viewModel.importFile(file, "DLQ.orders");

        assertEquals(NoticeLevel.ERROR, notifier.history().get(notifier.history().size() - 1).level());
    }

    @Test
    void shouldSayATypedNameIsNoDeadLetterQueueInsteadOfAskingTheBroker()
    {
        viewModel.selectedQueueProperty().set("DLQ.ord");

        assertTrue(viewModel.messages().isEmpty());
        assertEquals("'DLQ.ord' is not a dead-letter queue", viewModel.statusProperty().get());
        assertTrue(notifier.history().isEmpty(), notifier.history().toString());
    }
}
