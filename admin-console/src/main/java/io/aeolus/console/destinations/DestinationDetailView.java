package io.aeolus.console.destinations;

import io.aeolus.console.confirm.ConfirmDialog;
import io.aeolus.console.history.HistoryChart;
import io.aeolus.console.jobs.JobDialog;
import io.aeolus.console.jobs.JobFormViewModel;

import java.text.MessageFormat;
import java.util.ResourceBundle;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Code-built view and thin controller of the destination detail: the selected destination's name and figures, Purge…
 * (after confirmation) and Bulk operation…, and its history chart. FX thread only.
 */
public final class DestinationDetailView
{
    private final StackPane root = new StackPane();
    private final DestinationDetailViewModel viewModel;
    private final ResourceBundle bundle;

    /**
     * Builds the view.
     *
     * @param viewModel the detail's state.
     * @param batches   a counter that changes once per applied metrics batch, so the figures follow the metrics.
     * @param bundle    UI text.
     */
    public DestinationDetailView(
        final DestinationDetailViewModel viewModel,
        final ObservableValue<?> batches,
        final ResourceBundle bundle)
    {
        this.viewModel = viewModel;
        this.bundle = bundle;
        final Label name = new Label();
        name.setId("detailName");
        name.getStyleClass().add("detail-name");
        name.textProperty().bind(Bindings.createStringBinding(() -> null == viewModel.selectedProperty().get() ? "" :
            viewModel.selectedProperty().get().name(), viewModel.selectedProperty()));
        final Label figures = new Label();
        figures.setId("detailFigures");
        figures.getStyleClass().add("count-label");
        figures.textProperty().bind(Bindings.createStringBinding(this::figures, viewModel.selectedProperty(),
            batches));
        final Button purge = new Button(bundle.getString("purge.button"));
        purge.setId("purgeDestination");
        purge.disableProperty().bind(Bindings.createBooleanBinding(() -> !viewModel.canPurge(),
            viewModel.selectedProperty(), viewModel.busyProperty()));
        purge.setOnAction((event) -> onPurge());
        final Button bulk = new Button(bundle.getString("dlq.bulk"));
        bulk.setId("bulkDestination");
        bulk.disableProperty().bind(Bindings.createBooleanBinding(() -> null == viewModel.bulkForm(),
            viewModel.selectedProperty()));
        bulk.setOnAction((event) -> onBulk());
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox header = new HBox(name, figures, spacer, purge, bulk);
        header.getStyleClass().add("tab-toolbar");

        final HistoryChart chart = new HistoryChart(viewModel.history(), bundle, "detail",
            bundle.getString("detail.history"));
        VBox.setVgrow(chart.root(), Priority.ALWAYS);
        final VBox detail = new VBox(header, chart.root());
        detail.getStyleClass().add("destination-detail");
        detail.visibleProperty().bind(viewModel.selectedProperty().isNotNull());
        final Label placeholder = new Label(bundle.getString("detail.none"));
        placeholder.getStyleClass().add("count-label");
        placeholder.visibleProperty().bind(viewModel.selectedProperty().isNull());
        root.getChildren().addAll(placeholder, detail);
    }

    /**
     * The root node.
     *
     * @return the root.
     */
    public Node root()
    {
        return root;
    }

    /**
     * Asks for confirmation, then purges the shown queue.
     */
    public void onPurge()
    {
        final DestinationRow row = viewModel.selectedProperty().get();
        if (viewModel.canPurge() && ConfirmDialog.ask(root, "purgeConfirm", bundle.getString("purge.confirmTitle"),
            bundle.getString("purge.confirmHeader"), MessageFormat.format(bundle.getString("purge.confirm"),
            row.depthProperty().get(), row.name())))
        {
            viewModel.purge();
        }
    }

    /**
     * Opens the bulk operation dialog for the shown queue.
     */
    public void onBulk()
    {
        final JobFormViewModel form = viewModel.bulkForm();
        if (null != form)
        {
            new JobDialog(form, bundle, null == root.getScene() ? null : root.getScene().getWindow()).showAndWait();
        }
    }

    private String figures()
    {
        final DestinationRow row = viewModel.selectedProperty().get();
        if (null == row)
        {
            return "";
        }
        return MessageFormat.format(bundle.getString("detail.figures"), DestinationsView.typeText(row, bundle),
            row.depthProperty().get(), row.inFlightProperty().get(), row.consumersProperty().get(),
            row.enqueuedProperty().get());
    }
}
