package analyzer

// Consumers of cloud queues and Kafka clients, described by data:
//   - segmentio/kafka-go: a Reader's ReadMessage/FetchMessage loop, the
//     topic from the ReaderConfig the reader was made with;
//   - confluent-kafka-go: Consumer.Subscribe/SubscribeTopics, then a read loop;
//   - Google Pub/Sub: Subscription.Receive (v1) and Subscriber.Receive (v2),
//     the subscription from client.Subscription("id");
//   - SQS (aws-sdk-go-v2): ReceiveMessage, the queue from QueueUrl;
//   - watermill: Router.AddHandler and the publisher-less forms;
//   - asynq: ServeMux.HandleFunc/Handle, the task type as the topic.
// In a read loop the calling function handles the messages.

func init() {
	builtinConsumers = append(builtinConsumers,
		ConsumerDecl{Framework: "kafka-go", Broker: "kafka", Package: "github.com/segmentio/kafka-go", Type: "Reader",
			Methods: []string{"ReadMessage", "FetchMessage"}, Topic: TopicFromReceiver, Handler: HandlerIsCaller},
		ConsumerDecl{Framework: "confluent-kafka-go", Broker: "kafka", Package: "github.com/confluentinc/confluent-kafka-go/kafka", Type: "Consumer",
			Methods: []string{"Subscribe", "SubscribeTopics"}, Topic: 0, Handler: HandlerIsCaller},
		ConsumerDecl{Framework: "pubsub", Package: "cloud.google.com/go/pubsub", Type: "Subscription",
			Methods: []string{"Receive"}, Topic: TopicFromReceiver, Handler: 1},
		ConsumerDecl{Framework: "pubsub", Package: "cloud.google.com/go/pubsub", Type: "Subscriber",
			Methods: []string{"Receive"}, Topic: TopicFromReceiver, Handler: 1},
		ConsumerDecl{Framework: "sqs", Package: "github.com/aws/aws-sdk-go-v2/service/sqs", Type: "Client",
			Methods: []string{"ReceiveMessage"}, Topic: 1, Handler: HandlerIsCaller},
		ConsumerDecl{Framework: "watermill", Package: "github.com/ThreeDotsLabs/watermill/message", Type: "Router",
			Methods: []string{"AddHandler"}, Topic: 1, Handler: 5},
		ConsumerDecl{Framework: "watermill", Package: "github.com/ThreeDotsLabs/watermill/message", Type: "Router",
			Methods: []string{"AddNoPublisherHandler", "AddConsumerHandler"}, Topic: 1, Handler: 3},
		ConsumerDecl{Framework: "asynq", Package: "github.com/hibiken/asynq", Type: "ServeMux",
			Methods: []string{"HandleFunc", "Handle"}, Topic: 0, Handler: 1, Method: "ProcessTask"},
	)
	families = append(families,
		family{name: "kafka-go", frameworks: []string{"kafka-go"}, pkgs: []string{"github.com/segmentio/kafka-go"}},
		family{name: "watermill", frameworks: []string{"watermill"}, pkgs: []string{"github.com/ThreeDotsLabs/watermill/message"}},
		family{name: "asynq", frameworks: []string{"asynq"}, pkgs: []string{"github.com/hibiken/asynq"}})
}
