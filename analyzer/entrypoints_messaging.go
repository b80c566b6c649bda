package analyzer

// Message consumers described by data: NATS subscriptions (Conn,
// EncodedConn, JetStream push and pull), Kafka through sarama (one entry point per topic
// of a ConsumerGroup.Consume) and AMQP (Channel.Consume returns a delivery
// channel: the calling function handles the messages).

func init() {
	for _, t := range []string{"Conn", "EncodedConn", "JetStream", "JetStreamContext"} {
		builtinConsumers = append(builtinConsumers,
			ConsumerDecl{Framework: "nats", Package: "github.com/nats-io/nats.go", Type: t, Methods: []string{"Subscribe"}, Topic: 0, Handler: 1},
			ConsumerDecl{Framework: "nats", Package: "github.com/nats-io/nats.go", Type: t, Methods: []string{"QueueSubscribe"}, Topic: 0, Handler: 2})
	}
	// A pull subscription is read by its Fetch loop: the calling function
	// handles the messages.
	for _, t := range []string{"JetStream", "JetStreamContext"} {
		builtinConsumers = append(builtinConsumers,
			ConsumerDecl{Framework: "nats", Package: "github.com/nats-io/nats.go", Type: t, Methods: []string{"PullSubscribe"}, Topic: 0, Handler: HandlerIsCaller})
	}
	for _, p := range []string{"github.com/IBM/sarama", "github.com/Shopify/sarama"} {
		builtinConsumers = append(builtinConsumers, ConsumerDecl{Framework: "sarama", Broker: "kafka", Package: p, Type: "ConsumerGroup",
			Methods: []string{"Consume"}, Topic: 1, Handler: 2, Method: "ConsumeClaim"})
	}
	for _, p := range []string{"github.com/rabbitmq/amqp091-go", "github.com/streadway/amqp"} {
		builtinConsumers = append(builtinConsumers, ConsumerDecl{Framework: "amqp", Package: p, Type: "Channel",
			Methods: []string{"Consume"}, Topic: 0, Handler: HandlerIsCaller})
	}
}
