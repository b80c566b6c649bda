// Package model holds the notification server's models.
package model

import "time"

// User is an account: users.
type User struct {
	ID    uint
	Name  string
	Admin bool
}

// Application sends messages: applications.
type Application struct {
	ID     uint
	UserID uint
	Token  string
}

// Message is one notification: messages.
type Message struct {
	ID            uint
	ApplicationID uint
	Title         string
	Date          time.Time
}

// PluginConf is a plugin's settings: plugin_confs.
type PluginConf struct {
	ID     uint
	Config []byte
}

// ClientToken names its own table.
type ClientToken struct {
	ID    uint
	Token string
}

// TableName is the legacy name.
func (ClientToken) TableName() string { return "clients" }
