// Package sqs polls an SQS queue (aws-sdk-go-v2): the polling function
// handles the messages.
package sqs

import (
	"context"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// Poll receives e-mails to send.
func Poll(ctx context.Context, c *sqs.Client) error {
	for {
		out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/emails")}) // want consumer "sqs https://sqs.eu-west-1.amazonaws.com/1/emails" example.com/epjobs/sqs.Poll
		if err != nil {
			return err
		}
		for _, m := range out.Messages {
			log.Println(aws.ToString(m.Body))
		}
	}
}
