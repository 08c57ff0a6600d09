package io.aeolus.console.overview;

import java.util.ResourceBundle;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/**
 * Code-built view of the Broker tab, bound to a {@link BrokerOverviewViewModel}: a Refresh button and one labelled
 * line per figure. FX thread only.
 */
public final class BrokerOverviewView
{
    private final BorderPane root = new BorderPane();
    private final GridPane grid = new GridPane();
    private final ResourceBundle bundle;

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public BrokerOverviewView(final BrokerOverviewViewModel viewModel, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        final Button refresh = new Button(bundle.getString("overview.refresh"));
        refresh.setId("refreshOverview");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction((event) -> viewModel.reload());
        final Label status = new Label();
        status.setId("overviewStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());
        final HBox toolbar = new HBox(refresh, status);
        toolbar.getStyleClass().add("tab-toolbar");

        grid.setId("overviewGrid");
        grid.setHgap(16);
        grid.setVgap(8);
        grid.setStyle("-fx-padding: 12;");
        line("overview.version", "overviewVersion", viewModel.versionProperty());
        line("overview.started", "overviewStarted", viewModel.startedProperty());
        line("overview.heap", "overviewHeap", viewModel.heapProperty());
        line("overview.journal", "overviewJournal", viewModel.journalProperty());
        line("overview.clients", "overviewClients", viewModel.clientsProperty());
        line("overview.destinations", "overviewDestinations", viewModel.destinationsProperty());

        root.setTop(toolbar);
        root.setCenter(new javafx.scene.layout.VBox(grid, new GroupView(viewModel.group(), bundle).root()));
        root.getStyleClass().add("overview-view");
    }

    /**
     * The root node to place in a tab.
     *
     * @return the root.
     */
    public Node root()
    {
        return root;
    }

    private void line(final String key, final String id, final ReadOnlyStringProperty value)
    {
        final int row = grid.getRowCount();
        final Label name = new Label(bundle.getString(key));
        name.getStyleClass().add("overview-name");
        final Label text = new Label();
        text.setId(id);
        text.textProperty().bind(value);
        grid.addRow(row, name, text);
    }
}
