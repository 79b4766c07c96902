package io.etlhub.connector.debezium;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A dead letter's change comes back from the store as it went in: rows with their types, key, source position. */
class StoredChangeTest {
    static final Schema ROW = SchemaBuilder.struct().name("crm.crm_opportunity.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("stage", Schema.OPTIONAL_STRING_SCHEMA)
            .field("signed_amount", Decimal.builder(2).optional().build())
            .field("updated_at", io.debezium.time.Timestamp.builder().optional().build())
            .build();
    static final Schema KEY = SchemaBuilder.struct().name("crm.crm_opportunity.Key").field("id", Schema.INT64_SCHEMA).build();

    @Test
    void aStoredChangeReadsBackEqual() {
        Struct before = new Struct(ROW).put("id", 7L).put("stage", "线索").put("signed_amount", new BigDecimal("1234.50"))
                .put("updated_at", 1_764_000_000_000L);
        Struct after = new Struct(ROW).put("id", 7L).put("stage", "谈判").put("signed_amount", null).put("updated_at", null);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("server_id", 1L);
        source.put("file", "mysql-bin.000003");
        source.put("pos", 4711L);
        source.put("row", 0);
        source.put("ts_ms", 1_764_000_000_123L);
        source.put("table", "crm_opportunity");
        ChangeRecord change = new ChangeRecord("crm_opportunity", "u", before, after, source, "id=7", new Struct(KEY).put("id", 7L),
                1_764_000_000_123L, "etlhub-stage-capture.it_crm.crm_opportunity");

        ChangeRecord back = StoredChange.read(StoredChange.write(change));

        assertThat(back.before()).isEqualTo(before);
        assertThat(back.after()).isEqualTo(after);
        assertThat(back.key()).isEqualTo(change.key());
        assertThat(back.before().get("signed_amount")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(back.eventKey()).isEqualTo(change.eventKey());
        assertThat(back.payload()).isEqualTo(change.payload());
        assertThat(back.topic()).isEqualTo(change.topic());
        assertThat(back.sourceMillis()).isEqualTo(change.sourceMillis());
        assertThat(back.operation()).isEqualTo("u");
    }
}
