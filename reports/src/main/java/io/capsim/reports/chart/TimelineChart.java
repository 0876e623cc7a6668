package io.capsim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Series over simulated time, from the rows of {@code timeseries.csv}: one or more panels stacked
 * on a shared time axis (minutes, or hours past two hours), each with its own y axis, linear or
 * logarithmic. Absent values (NaN, and values at or below zero on a log axis) are left out.
 */
public final class TimelineChart {

    /**
     * One line.
     *
     * @param label legend label
     * @param values one value per row
     * @param color colour number (lines of one thing share it)
     * @param dashed drawn dashed (the second measure of the same thing: used beside allocated, p50 beside p99)
     * @param seconds the line's own row times (runs compared side by side), or null for the chart's
     */
    public record Line(String label, double[] values, int color, boolean dashed, double[] seconds) {
        public Line {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(values, "values");
            if (seconds != null && seconds.length != values.length) {
                throw new IllegalArgumentException("line " + label + ": " + values.length + " values, " + seconds.length
                        + " times");
            }
        }

        /** A line on the chart's row times. */
        public Line(String label, double[] values, int color, boolean dashed) {
            this(label, values, color, dashed, null);
        }
    }

    /**
     * One panel.
     *
     * @param yLabel the y axis label, with its unit
     * @param lines the lines
     * @param logY a logarithmic y axis (where tails live)
     * @param steps drawn as steps (counts held over a bin) rather than joined points
     * @param whole the values are whole numbers (pods, replicas, nodes): ticks only at integers
     */
    public record Panel(String yLabel, List<Line> lines, boolean logY, boolean steps, boolean whole) {
        public Panel {
            lines = List.copyOf(lines);
        }

        /** A panel of values that need not be whole. */
        public Panel(String yLabel, List<Line> lines, boolean logY, boolean steps) {
            this(yLabel, lines, logY, steps, false);
        }
    }

    private TimelineChart() {}

    /**
     * Renders the panels as a PNG.
     *
     * @param seconds time of each row, simulated seconds
     * @param scale multiplies every value (100 to show fractions as percent)
     */
    public static void writePng(String title, double[] seconds, List<Panel> panels, double scale, int width, int height,
            OutputStream out) throws IOException {
        Png.write(chart(title, seconds, panels, scale), width, height, out);
    }

    /** The chart {@link #writePng} draws. */
    static JFreeChart chart(String title, double[] seconds, List<Panel> panels, double scale) {
        double span = seconds.length == 0 ? 0 : seconds[seconds.length - 1];
        for (Panel p : panels) {
            for (Line l : p.lines()) {
                if (l.seconds() != null && l.seconds().length > 0) {
                    span = Math.max(span, l.seconds()[l.seconds().length - 1]);
                }
            }
        }
        boolean hours = span > 2 * 3600;
        double unit = hours ? 3600.0 : 60.0;
        NumberAxis x = new NumberAxis(hours ? "Simulated time (hours)" : "Simulated time (minutes)");
        x.setAutoRangeIncludesZero(true);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(12);
        int lines = 0;
        for (Panel p : panels) {
            XYSeriesCollection data = new XYSeriesCollection();
            boolean sparse = true;
            for (Line l : p.lines()) {
                XYSeries s = new XYSeries(l.label(), false, true);
                double[] at = l.seconds() != null ? l.seconds() : seconds;
                for (int i = 0; i < at.length; i++) {
                    double v = l.values()[i] * scale;
                    if (Double.isFinite(v) && (!p.logY() || v > 0)) {
                        s.add(at[i] / unit, v);
                    }
                }
                data.addSeries(s);
                sparse &= s.getItemCount() < 60;
            }
            ValueAxis y;
            if (p.logY()) {
                LogAxis log = new LogAxis(p.yLabel() + " (log scale)");
                log.setBase(10);
                log.setSmallestValue(1e-3);
                // Ticks at whole decades, labelled as plain numbers (0.1, 1, 10, 100).
                log.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
                log.setNumberFormatOverride(new java.text.DecimalFormat("0.###",
                        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
                log.setMinorTickMarksVisible(true);
                log.setAutoRangeMinimumSize(1.0);
                y = log;
            } else {
                NumberAxis lin = new NumberAxis(p.yLabel());
                lin.setAutoRangeIncludesZero(true);
                lin.setAutoRangeMinimumSize(1.0); // a constant series gets a readable range, not +-5e-9
                if (p.whole()) {
                    lin.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // 4 nodes, not 4.0, 3.5, ...
                }
                y = lin;
            }
            // Few points (a delay seen in a handful of bins) are marked, or a lone one would not show.
            XYLineAndShapeRenderer r = p.steps() ? new XYStepRenderer() : new XYLineAndShapeRenderer(true, sparse);
            for (int k = 0; k < p.lines().size(); k++) {
                Line l = p.lines().get(k);
                r.setSeriesPaint(k, Palette.color(l.color()));
                r.setSeriesStroke(k, l.dashed()
                        ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                        : new BasicStroke(1.6f));
                r.setSeriesShape(k, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
            }
            XYPlot plot = new XYPlot(data, null, y, r);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            combined.add(plot, 1);
            lines += p.lines().size();
        }
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, combined, lines > 1);
        chart.addSubtitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
