// Command lambda is already an AWS Lambda function.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

type event struct{ Name string }

func handleRequest(ctx context.Context, e event) (string, error) { return "hello " + e.Name, nil }

func main() { // want main "main" example.com/epjobs/lambda.main
	lambda.Start(handleRequest) // want function "handleRequest" example.com/epjobs/lambda.handleRequest
}
