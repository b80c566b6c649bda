// Package eventbus is the in-process, asynchronous integration-event bus that
// modules use to react to each other without calling each other directly.
//
// Events are enqueued by Publish and delivered by Run on a background
// goroutine, so a publisher never waits for its subscribers. A subscriber
// that fails is retried a few times and then the failure is logged.
package eventbus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// ErrClosed is returned by Publish after the bus has been stopped.
var ErrClosed = errors.New("eventbus: closed")

// Event is an integration event. Its name is the routing key.
type Event interface {
	EventName() string
}

// Publisher is the narrow interface modules depend on to emit events.
type Publisher interface {
	Publish(ctx context.Context, e Event) error
}

// HandlerFunc receives an event of any type.
type HandlerFunc func(ctx context.Context, e Event) error

type subscription struct {
	subscriber string
	handle     HandlerFunc
}

// Bus dispatches published events to subscribers.
type Bus struct {
	mu       sync.RWMutex
	subs     map[string][]subscription
	queue    chan Event
	closed   atomic.Bool
	log      *slog.Logger
	attempts int
}

// New creates a bus whose queue holds up to buffer pending events.
func New(log *slog.Logger, buffer int) *Bus {
	if buffer <= 0 {
		buffer = 64
	}
	return &Bus{
		subs:     make(map[string][]subscription),
		queue:    make(chan Event, buffer),
		log:      log.With(slog.String("component", "eventbus")),
		attempts: 3,
	}
}

// Subscribe registers a typed handler for events of type E. The subscriber
// name identifies the consuming module in logs.
func Subscribe[E Event](b *Bus, subscriber string, h func(ctx context.Context, e E) error) {
	var zero E
	name := zero.EventName()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[name] = append(b.subs[name], subscription{
		subscriber: subscriber,
		handle: func(ctx context.Context, e Event) error {
			typed, ok := e.(E)
			if !ok {
				return fmt.Errorf("eventbus: %s: unexpected payload %T", name, e)
			}
			return h(ctx, typed)
		},
	})
}

// Publish enqueues e for asynchronous delivery.
func (b *Bus) Publish(ctx context.Context, e Event) error {
	if b.closed.Load() {
		return ErrClosed
	}
	select {
	case b.queue <- e:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Run delivers events until ctx is cancelled, then drains the queue.
func (b *Bus) Run(ctx context.Context) {
	for {
		select {
		case e := <-b.queue:
			b.dispatch(context.WithoutCancel(ctx), e)
		case <-ctx.Done():
			b.closed.Store(true)
			for {
				select {
				case e := <-b.queue:
					b.dispatch(context.WithoutCancel(ctx), e)
				default:
					return
				}
			}
		}
	}
}

func (b *Bus) dispatch(ctx context.Context, e Event) {
	name := e.EventName()
	b.mu.RLock()
	subs := append([]subscription(nil), b.subs[name]...)
	b.mu.RUnlock()
	for _, s := range subs {
		var err error
		for attempt := 1; attempt <= b.attempts; attempt++ {
			if err = s.handle(ctx, e); err == nil {
				break
			}
			time.Sleep(time.Duration(attempt) * 50 * time.Millisecond)
		}
		if err != nil {
			b.log.Error("event handler failed",
				slog.String("event", name),
				slog.String("subscriber", s.subscriber),
				slog.Any("err", err))
		}
	}
}
