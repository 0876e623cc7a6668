package io.capsim.reports.chart;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.results.TimeSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Sampled series over simulated time, as steps, one line per series; time in minutes or hours. */
public final class TimelineChart {

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
    };

    private TimelineChart() {}

    /**
     * Renders the series as a PNG.
     *
     * @param labels legend label of each series, aligned with {@code series}
     * @param yLabel the y axis label, with its unit
     * @param scale multiplies every value (100 to show fractions as percent)
     */
    public static void writePng(String title, List<TimeSeries> series, List<String> labels, String yLabel, double scale,
            int width, int height, OutputStream out) throws IOException {
        double span = 0;
        for (TimeSeries t : series) {
            if (t.size() > 0) {
                span = Math.max(span, SimTime.toSeconds(t.time(t.size() - 1)));
            }
        }
        boolean hours = span > 2 * 3600;
        double unit = hours ? 3600.0 : 60.0;
        XYSeriesCollection data = new XYSeriesCollection();
        for (int k = 0; k < series.size(); k++) {
            TimeSeries t = series.get(k);
            XYSeries s = new XYSeries(labels.get(k), false, true);
            for (int i = 0; i < t.size(); i++) {
                s.add(SimTime.toSeconds(t.time(i)) / unit, t.value(i) * scale);
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis(hours ? "Simulated time (hours)" : "Simulated time (minutes)");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis(yLabel);
        XYStepRenderer r = new XYStepRenderer();
        for (int k = 0; k < series.size(); k++) {
            r.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
            r.setSeriesStroke(k, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, series.size() > 1);
        chart.addSubtitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.writeChartAsPNG(out, chart, width, height);
    }
}
