package io.capsim.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class TimelineChartTest {

    @Test
    void countsGetTicksAtWholeNumbersOnly() {
        double[] seconds = {0, 60, 120};
        TimelineChart.Panel nodes = new TimelineChart.Panel("Nodes",
                List.of(new TimelineChart.Line("nodes", new double[] {4, 4, 4}, 0, false)), false, true, true);
        TimelineChart.Panel cpu = new TimelineChart.Panel("CPU (cores)",
                List.of(new TimelineChart.Line("cpu", new double[] {4, 4, 4}, 0, false)), false, true);
        JFreeChart chart = TimelineChart.chart("t", seconds, List.of(nodes, cpu), 1);
        @SuppressWarnings("unchecked")
        List<XYPlot> plots = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
        // Over a range of one (a constant 4), whole numbers tick at 1; other values at a fraction.
        assertEquals(1.0, tickAbove(plots.get(0), 0.1), 0.0);
        assertEquals(0.1, tickAbove(plots.get(1), 0.1), 1e-12);
    }

    /** The smallest standard tick unit of the plot's y axis at least {@code size}. */
    private static double tickAbove(XYPlot plot, double size) {
        return ((NumberAxis) plot.getRangeAxis()).getStandardTickUnits().getCeilingTickUnit(size).getSize();
    }
}
