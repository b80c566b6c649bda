package analyzer

// Code that is already a serverless function: AWS Lambda's lambda.Start
// (named after its handler) and Google Cloud Functions' registrations
// (functions.HTTP("name", fn), functions.CloudEvent, and the funcframework
// forms, named by their first argument).

func init() {
	builtinConsumers = append(builtinConsumers,
		ConsumerDecl{Framework: "aws-lambda", Kind: "function", Package: "github.com/aws/aws-lambda-go/lambda",
			Methods: []string{"Start", "StartWithOptions", "StartHandler", "StartHandlerWithContext"}, Topic: -1, Handler: 0},
		ConsumerDecl{Framework: "aws-lambda", Kind: "function", Package: "github.com/aws/aws-lambda-go/lambda",
			Methods: []string{"StartWithContext"}, Topic: -1, Handler: 1},
		ConsumerDecl{Framework: "cloud-functions", Kind: "function", Package: "github.com/GoogleCloudPlatform/functions-framework-go/functions",
			Methods: []string{"HTTP", "CloudEvent", "Typed"}, Topic: 0, Handler: 1},
		ConsumerDecl{Framework: "cloud-functions", Kind: "function", Package: "github.com/GoogleCloudPlatform/functions-framework-go/funcframework",
			Methods: []string{"RegisterHTTPFunctionContext", "RegisterEventFunctionContext", "RegisterCloudEventFunctionContext"}, Topic: 1, Handler: 2},
	)
}
