// Package grpcapi exposes the shipping domain over gRPC for the warehouse
// management system.
package grpcapi

import (
	"context"
	"log/slog"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/grpcx"
	"example.com/shop/services"
)

// FulfillmentService implements shipping.v1.Fulfillment on top of the
// shipping service.
type FulfillmentService struct {
	UnimplementedFulfillmentServer

	shipping *services.ShippingService
	log      *slog.Logger
}

// NewFulfillmentService builds the gRPC implementation.
func NewFulfillmentService(shipping *services.ShippingService, log *slog.Logger) *FulfillmentService {
	return &FulfillmentService{shipping: shipping, log: log.With("grpc", "shipping.v1.Fulfillment")}
}

// CreateShipment books a carrier service for a paid order.
func (s *FulfillmentService) CreateShipment(ctx context.Context, req *CreateShipmentRequest) (*Shipment, error) {
	sh, err := s.shipping.CreateShipment(ctx, models.ShipmentRequest{
		OrderID: req.GetOrderId(),
		Carrier: req.GetCarrier(),
		Service: req.GetService(),
	})
	if err != nil {
		return nil, grpcx.Status(err)
	}
	s.log.InfoContext(ctx, "shipment created over gRPC", "shipment_id", sh.ID, "order_id", sh.OrderID)
	return toProtoShipment(sh), nil
}

// GetShipment looks a shipment up by id, or by order id when no id is given.
func (s *FulfillmentService) GetShipment(ctx context.Context, req *GetShipmentRequest) (*Shipment, error) {
	var (
		sh  *models.Shipment
		err error
	)
	switch {
	case req.GetShipmentId() != "":
		sh, err = s.shipping.Get(ctx, req.GetShipmentId())
	case req.GetOrderId() != "":
		sh, err = s.shipping.GetByOrder(ctx, req.GetOrderId())
	default:
		err = apperr.Invalid("shipment_id or order_id is required", nil)
	}
	if err != nil {
		return nil, grpcx.Status(err)
	}
	return toProtoShipment(sh), nil
}

// ListTrackingEvents returns carrier scans after the given event id.
func (s *FulfillmentService) ListTrackingEvents(ctx context.Context, req *ListTrackingEventsRequest) (*ListTrackingEventsResponse, error) {
	if req.GetShipmentId() == "" {
		return nil, grpcx.Status(apperr.Invalid("shipment_id is required", nil))
	}
	events, err := s.shipping.EventsAfter(ctx, req.GetShipmentId(), req.GetAfterId())
	if err != nil {
		return nil, grpcx.Status(err)
	}
	resp := &ListTrackingEventsResponse{Events: make([]*TrackingEvent, 0, len(events))}
	for _, ev := range events {
		resp.Events = append(resp.Events, &TrackingEvent{
			Id:             ev.ID,
			Status:         string(ev.Status),
			Location:       ev.Location,
			Description:    ev.Description,
			OccurredAtUnix: ev.OccurredAt.Unix(),
		})
	}
	return resp, nil
}

func toProtoShipment(sh *models.Shipment) *Shipment {
	out := &Shipment{
		Id:             sh.ID,
		OrderId:        sh.OrderID,
		Carrier:        sh.Carrier,
		Service:        sh.Service,
		TrackingNumber: sh.TrackingNumber,
		Status:         string(sh.Status),
		CostCents:      sh.CostCents,
		CreatedAtUnix:  sh.CreatedAt.Unix(),
	}
	if sh.DeliveredAt != nil {
		out.DeliveredAtUnix = sh.DeliveredAt.Unix()
	}
	return out
}
