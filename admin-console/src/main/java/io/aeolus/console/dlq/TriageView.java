package io.aeolus.console.dlq;

import io.aeolus.console.backend.TriageGroup;
import io.aeolus.console.backend.TriageGrouping;
import io.aeolus.console.jobs.JobDialog;
import io.aeolus.console.jobs.JobFormViewModel;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Code-built view and thin controller of the triage part of the Dead letters tab: the "Group by" choice (with a
 * property name field for grouping by property), the groups table with count, first and last time and a histogram,
 * and "Retry this cause…", which opens the bulk operation dialog for the selected group. FX thread only.
 */
final class TriageView
{
    private final BorderPane root = new BorderPane();
    private final TriageViewModel viewModel;
    private final ResourceBundle bundle;
    private final TableView<TriageGroup> table = new TableView<>();
    private boolean groupsChanging;

    TriageView(final TriageViewModel viewModel, final ResourceBundle bundle)
    {
        this.viewModel = viewModel;
        this.bundle = bundle;

        final ComboBox<TriageGrouping> groupBy = new ComboBox<>();
        groupBy.setId("triageGroupBy");
        groupBy.getItems().setAll(TriageGrouping.values());
        groupBy.setCellFactory((list) -> new GroupingCell());
        groupBy.setButtonCell(new GroupingCell());
        groupBy.valueProperty().bindBidirectional(viewModel.groupingProperty());
        final TextField property = new TextField();
        property.setId("triageProperty");
        property.setPromptText(bundle.getString("triage.property.prompt"));
        property.textProperty().bindBidirectional(viewModel.propertyProperty());
        property.setOnAction((event) -> viewModel.regroup());
        final var byProperty = viewModel.groupingProperty().isEqualTo(TriageGrouping.PROPERTY);
        property.visibleProperty().bind(byProperty);
        property.managedProperty().bind(byProperty);
        final Button regroup = new Button(bundle.getString("triage.regroup"));
        regroup.setId("triageRegroup");
        regroup.disableProperty().bind(viewModel.busyProperty());
        regroup.setOnAction((event) -> viewModel.regroup());
        final Label status = new Label();
        status.setId("triageStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());
        final Button retryCause = new Button(bundle.getString("triage.retryCause"));
        retryCause.setId("retryCause");
        retryCause.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        retryCause.setOnAction((event) -> onRetryCause());
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final Label title = new Label(bundle.getString("triage.title"));
        title.getStyleClass().add("section-title");
        final HBox toolbar = new HBox(title, new Label(bundle.getString("triage.groupBy")), groupBy, property,
            regroup, status, spacer, retryCause);
        toolbar.getStyleClass().add("tab-toolbar");

        buildTable();
        root.setTop(toolbar);
        root.setCenter(table);
        root.getStyleClass().add("triage-view");
    }

    Node root()
    {
        return root;
    }

    private void buildTable()
    {
        table.setId("triageTable");
        table.setItems(viewModel.groups());
        table.setPlaceholder(new Label(bundle.getString("triage.noGroups")));
        table.getColumns().add(column("triage.key", "triageKey", viewModel::keyText, 260));
        final TableColumn<TriageGroup, Object> count = column("triage.count", "triageCount", TriageGroup::count, 70);
        count.getStyleClass().add("numeric");
        table.getColumns().add(count);
        table.getColumns().add(column("triage.first", "triageFirst",
            (group) -> TriageViewModel.time(group.firstMs()), 130));
        table.getColumns().add(column("triage.last", "triageLast",
            (group) -> TriageViewModel.time(group.lastMs()), 130));
        final TableColumn<TriageGroup, TriageGroup> histogram =
            new TableColumn<>(bundle.getString("triage.histogram"));
        histogram.setId("triageHistogram");
        histogram.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(features.getValue()));
        histogram.setCellFactory((column) -> new HistogramCell());
        histogram.setSortable(false);
        histogram.setPrefWidth(150);
        table.getColumns().add(histogram);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Choosing a group filters the dead-letter list; the view model may keep or drop it when it regroups.
        table.getSelectionModel().selectedItemProperty().addListener((observable, oldValue, newValue) ->
        {
            if (!groupsChanging)
            {
                viewModel.selectedGroupProperty().set(newValue);
            }
        });
        viewModel.groups().addListener((javafx.collections.ListChangeListener<TriageGroup>)(change) -> select());
        viewModel.selectedGroupProperty().addListener((observable, oldValue, newValue) -> select());
    }

    private void select()
    {
        final TriageGroup chosen = viewModel.selectedGroupProperty().get();
        if (table.getSelectionModel().getSelectedItem() == chosen)
        {
            return;
        }
        groupsChanging = true;
        try
        {
            if (null == chosen || !table.getItems().contains(chosen))
            {
                table.getSelectionModel().clearSelection();
            }
            else
            {
                table.getSelectionModel().select(chosen);
            }
        }
        finally
        {
            groupsChanging = false;
        }
    }

    private TableColumn<TriageGroup, Object> column(
        final String key, final String id, final Function<TriageGroup, Object> value, final double width)
    {
        final TableColumn<TriageGroup, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(id);
        column.setPrefWidth(width);
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }

    private void onRetryCause()
    {
        final TriageGroup group = table.getSelectionModel().getSelectedItem();
        final JobFormViewModel form = null == group ? null : viewModel.retryForm(group);
        if (null != form)
        {
            new JobDialog(form, bundle, null == root.getScene() ? null : root.getScene().getWindow()).showAndWait();
        }
    }

    /**
     * Shows a grouping in words.
     */
    private final class GroupingCell extends ListCell<TriageGrouping>
    {
        @Override
        protected void updateItem(final TriageGrouping item, final boolean empty)
        {
            super.updateItem(item, empty);
            setText(empty || null == item ? "" :
                bundle.getString("triage.by." + item.name().toLowerCase(Locale.ROOT)));
        }
    }
}
