package org.earshot.pipeline.publish;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.earshot.pipeline.kafka.EndsAtStart;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.PublicationResult;

/** The Publish job's topology between its source and its sinks: publication records in, results and dead letters out. */
public final class Publish {
    private Publish() {}

    /**
     * {@code records} must come from one reader of every partition ({@code setParallelism(1)}): the scheduler, on one
     * subtask too, tells from their positions when it has caught up with the topic ({@code endsAtStart}).
     */
    public static Published build(DataStream<RawRecord> records, EndsAtStart endsAtStart, PublishOptions options) {
        SingleOutputStreamOperator<Request> requests = records
                .process(new ParsePublications()).returns(Types.POJO(Request.class)).setParallelism(1).name("parse publications").uid("parse-publications");
        DataStream<PublicationResult> results = requests
                .keyBy(r -> r.account, Types.STRING)
                .process(new SendWhenDue(options, endsAtStart)).returns(Types.POJO(PublicationResult.class)).setParallelism(1)
                .name("send when due").uid("send-when-due");
        return new Published(results, requests.getSideOutput(ParsePublications.DEAD_LETTERS));
    }

    /** Every publication's one result, and the records that were no publication. */
    public record Published(DataStream<PublicationResult> results, DataStream<DeadLetter> deadLetters) {}
}
