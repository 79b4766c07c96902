package io.etlhub.pipeline;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One capability step of a route. The options are the hub's vocabulary for every capability; the
 * {@code label} of an option names the capabilities that use it ({@code common} = all), and the
 * route files are validated against exactly these declarations ({@link #options()}).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = EtlhubComponent.SCHEME, title = "etl-hub capability",
        syntax = "etlhub:capability", producerOnly = true, category = {Category.CORE})
public class EtlhubEndpoint extends DefaultEndpoint {
    @UriPath(description = "The capability that does the work: receipts, reconciliation, health-report, archive-import, ...")
    @Metadata(required = true)
    private final String capability;
    @UriParam(label = "common", description = "Source connector: the id of a file in connectors/")
    private String source;
    @UriParam(label = "common", description = "Mapping of the source: the id of a file in mappings/")
    private String sourceMapping;
    @UriParam(label = "common", description = "Target connector: the id of a file in connectors/")
    private String target;
    @UriParam(label = "common", description = "Mapping of the target: the id of a file in mappings/")
    private String targetMapping;
    @UriParam(label = "receipts", description = "Documents per batch; each batch is applied whole or not at all (at least 1)")
    private Integer batchSize;
    @UriParam(label = "receipts", description = "Scan all document keys for deletions every N runs (1 = every run, 0 = never)")
    private Integer keyScanEveryRuns;
    @UriParam(label = "health-report", description = "Folder for the scheduled run's workbook (empty = store in the hub only)")
    private String outputDir;
    @UriParam(label = "health-report", enums = "zh,en", description = "Language of the workbook")
    private String lang;

    public EtlhubEndpoint(String uri, EtlhubComponent component, String capability) {
        super(uri, component);
        this.capability = capability;
    }

    public String getCapability() { return capability; }

    @Override
    public Producer createProducer() {
        return new EtlhubProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("etlhub: is a step (to), not a route's start (from)");
    }

    /**
     * Declared options: name -> the capabilities that use it (its label). Camel's own producer options
     * (lazyStartProducer, from DefaultEndpoint) count as common; its consumer options do not apply (a step is a producer).
     */
    static Map<String, List<String>> options() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Class<?> c = EtlhubEndpoint.class; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                UriParam p = f.getAnnotation(UriParam.class);
                if (p == null || c != EtlhubEndpoint.class && !p.label().contains("producer")) continue;
                List<String> labels = c == EtlhubEndpoint.class ? Arrays.asList(p.label().split(",")) : List.of("common");
                out.putIfAbsent(p.name().isEmpty() ? f.getName() : p.name(), labels);
            }
        }
        return out;
    }

    public String getSource() { return source; }

    public void setSource(String source) { this.source = source; }

    public String getSourceMapping() { return sourceMapping; }

    public void setSourceMapping(String sourceMapping) { this.sourceMapping = sourceMapping; }

    public String getTarget() { return target; }

    public void setTarget(String target) { this.target = target; }

    public String getTargetMapping() { return targetMapping; }

    public void setTargetMapping(String targetMapping) { this.targetMapping = targetMapping; }

    public Integer getBatchSize() { return batchSize; }

    public void setBatchSize(Integer batchSize) { this.batchSize = batchSize; }

    public Integer getKeyScanEveryRuns() { return keyScanEveryRuns; }

    public void setKeyScanEveryRuns(Integer keyScanEveryRuns) { this.keyScanEveryRuns = keyScanEveryRuns; }

    public String getOutputDir() { return outputDir; }

    public void setOutputDir(String outputDir) { this.outputDir = outputDir; }

    public String getLang() { return lang; }

    public void setLang(String lang) { this.lang = lang; }
}
