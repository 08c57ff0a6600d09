package io.aeolus.console.overview;

import io.aeolus.management.GroupMember;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * Code-built group section of the Broker tab, bound to a {@link GroupViewModel}: a title, the leader and term, and
 * one table row per member (role, term, log position, lag, last heard), the leader's row marked. Shown only while
 * the console is connected to a broker group. FX thread only.
 */
public final class GroupView
{
    private final VBox root = new VBox(8);
    private final ResourceBundle bundle;

    /**
     * @param viewModel the section's state.
     * @param bundle    UI text.
     */
    public GroupView(final GroupViewModel viewModel, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        final Label title = new Label(bundle.getString("group.title"));
        title.getStyleClass().add("overview-name");
        final Label summary = new Label();
        summary.setId("groupSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(viewModel.summaryProperty());

        final TableView<GroupMember> table = new TableView<>(viewModel.members());
        table.setId("groupMembers");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(26);
        table.prefHeightProperty().bind(table.fixedCellSizeProperty().multiply(
            javafx.beans.binding.Bindings.size(viewModel.members()).add(1.5)));
        table.getColumns().add(column("group.member", (member) -> Integer.toString(member.memberId())));
        table.getColumns().add(column("group.endpoint", GroupMember::endpoint));
        table.getColumns().add(column("group.role", viewModel::role));
        table.getColumns().add(column("group.term", (member) -> Long.toString(member.leadershipTermId())));
        table.getColumns().add(column("group.logPosition", (member) -> String.format("%,d", member.logPosition())));
        table.getColumns().add(column("group.lag", viewModel::lag));
        table.getColumns().add(column("group.lastHeard", (member) -> member.lastHeardAgoMs() < 0 ? "–" :
            String.format("%,d ms", member.lastHeardAgoMs())));
        table.setRowFactory((view) -> new TableRow<>()
        {
            @Override
            protected void updateItem(final GroupMember member, final boolean empty)
            {
                super.updateItem(member, empty);
                getStyleClass().remove("group-leader");
                if (!empty && null != member && member.leader())
                {
                    getStyleClass().add("group-leader");
                }
            }
        });

        root.setId("groupSection");
        root.setStyle("-fx-padding: 12;");
        root.getChildren().addAll(title, summary, table);
        root.visibleProperty().bind(viewModel.groupProperty());
        root.managedProperty().bind(viewModel.groupProperty());
    }

    /**
     * @return the root node to place in the Broker tab.
     */
    public Node root()
    {
        return root;
    }

    private TableColumn<GroupMember, String> column(final String key, final Function<GroupMember, String> text)
    {
        final TableColumn<GroupMember, String> column = new TableColumn<>(bundle.getString(key));
        column.setCellValueFactory((cell) -> new ReadOnlyObjectWrapper<>(text.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }
}
