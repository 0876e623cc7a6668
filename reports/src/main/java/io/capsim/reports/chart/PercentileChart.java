package io.capsim.reports.chart;

import io.capsim.engine.results.ServiceResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The latency percentile spectrum as HdrHistogram plots it: x is 1/(1-p) on a log scale, labelled
 * as percentiles (90%, 99%, 99.9%...), y is latency in milliseconds; one line per service.
 */
public final class PercentileChart {

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
    };

    private PercentileChart() {}

    /** Renders the chart as a PNG of the given size. */
    public static void writePng(String title, List<ServiceResult> services, int width, int height, OutputStream out)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        double maxX = 10;
        for (ServiceResult s : services) {
            XYSeries series = new XYSeries(s.name(), false, true);
            Histogram h = s.responseMicros();
            if (h.getTotalCount() > 0) {
                for (HistogramIterationValue v : h.percentiles(5)) {
                    double p = v.getPercentileLevelIteratedTo() / 100.0;
                    if (p >= 1.0) {
                        break;
                    }
                    double x = 1.0 / (1.0 - p);
                    series.add(x, v.getValueIteratedTo() / 1000.0);
                    maxX = Math.max(maxX, x);
                }
                // HdrHistogram's own plots end at the max; pin it to the last decade shown.
                series.add(Math.max(maxX, 10), h.getMaxValue() / 1000.0);
            }
            data.addSeries(series);
        }
        LogAxis x = new LogAxis("Percentile");
        x.setBase(10);
        x.setRange(1, Math.pow(10, Math.ceil(Math.log10(maxX))));
        x.setTickUnit(new NumberTickUnit(1.0));
        x.setNumberFormatOverride(new PercentileFormat());
        x.setMinorTickMarksVisible(true);
        NumberAxis y = new NumberAxis("Latency (ms)");
        y.setAutoRangeIncludesZero(true);
        XYStepRenderer renderer = new XYStepRenderer();
        for (int i = 0; i < services.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.writeChartAsPNG(out, chart, width, height);
    }

    /** Formats x = 1/(1-p) as the percentile p: 10 → "90%", 1000 → "99.9%". */
    static final class PercentileFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double x, StringBuffer to, FieldPosition pos) {
            double p = 100.0 * (1.0 - 1.0 / x);
            DecimalFormat f = new DecimalFormat("0.#########", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
            return to.append(f.format(p)).append('%');
        }

        @Override
        public StringBuffer format(long x, StringBuffer to, FieldPosition pos) {
            return format((double) x, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    }
}
