package io.capsim.reports.sched;

import io.capsim.engine.results.InflationResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A figure of an inflation experiment against arrived workload, one line per policy, as in the
 * FGD paper's Fig. 7: x is the GPU requested by arrived pods as a percentage of GPU capacity, y
 * the mean over seeds of the figure at the first arrival reaching that share.
 */
public final class InflationChart {

    /** Which figure of a run is plotted. */
    public enum Measure {
        /** GPUs not allocated to any pod. */
        UNALLOCATED_GPUS("Unallocated GPUs"),
        /** FGD's fragmented GPUs. */
        FRAGMENTED_GPUS("Fragmented GPUs (FGD measure)");

        private final String label;

        Measure(String label) {
            this.label = label;
        }

        double at(InflationResult r, double share) {
            return this == UNALLOCATED_GPUS ? r.unallocatedGpusAt(share) : r.fragmentedGpusAt(share);
        }
    }

    private static final Color[] PALETTE = {
        new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
    };

    /** Points along x. */
    static final int STEPS = 260;

    private InflationChart() {}

    /** Renders the chart as a PNG. */
    public static void writePng(String title, SchedulingReport report, Measure measure, int width, int height,
            OutputStream out) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        double target = report.targetShare();
        for (SchedulingReport.PolicyRuns p : report.policies()) {
            XYSeries s = new XYSeries(p.name(), false, true);
            for (int i = 0; i <= STEPS; i++) {
                double share = target * i / STEPS;
                double sum = 0;
                for (InflationResult r : p.runs()) {
                    sum += measure.at(r, share);
                }
                s.add(100 * share, sum / p.runs().size());
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis("Arrived GPU requests (% of GPU capacity)");
        NumberAxis y = new NumberAxis(measure.label + ", mean of " + report.seeds().length + " seed"
                + (report.seeds().length == 1 ? "" : "s"));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        chart.addSubtitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.writeChartAsPNG(out, chart, width, height);
    }
}
