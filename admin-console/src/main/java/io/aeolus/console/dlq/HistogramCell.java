package io.aeolus.console.dlq;

import io.aeolus.console.backend.TriageGroup;

import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * A table cell that draws a triage group's histogram as a row of small bars (a sparkline), scaled to the group's
 * largest bucket; colours come from the style sheet ({@code .spark-bar}). FX thread only.
 */
final class HistogramCell extends TableCell<TriageGroup, TriageGroup>
{
    /** Height of the tallest bar, in pixels. */
    static final double BAR_HEIGHT = 18;
    private static final double BAR_WIDTH = 4;

    private final HBox bars = new HBox(1);

    HistogramCell()
    {
        bars.setAlignment(Pos.BOTTOM_LEFT);
        bars.getStyleClass().add("sparkline");
        bars.setMinHeight(BAR_HEIGHT);
        bars.setPrefHeight(BAR_HEIGHT);
        getStyleClass().add("histogram-cell");
    }

    @Override
    protected void updateItem(final TriageGroup item, final boolean empty)
    {
        super.updateItem(item, empty);
        setText(null);
        if (empty || null == item)
        {
            setGraphic(null);
            return;
        }
        final int peak = Math.max(1, item.peak());
        bars.getChildren().clear();
        for (final int count : item.histogram())
        {
            final Region bar = new Region();
            bar.getStyleClass().add(count == 0 ? "spark-bar-empty" : "spark-bar");
            final double height = count == 0 ? 1 : Math.max(2, BAR_HEIGHT * count / peak);
            bar.setMinSize(BAR_WIDTH, height);
            bar.setPrefSize(BAR_WIDTH, height);
            bar.setMaxSize(BAR_WIDTH, height);
            bars.getChildren().add(bar);
        }
        setGraphic(bars);
    }
}
