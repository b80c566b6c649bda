package database

import "example.com/notify/model"

// CreateUser adds a user.
func (d *GormDatabase) CreateUser(u *model.User) error { return d.DB.Create(u).Error }

// UpdateUser saves a user.
func (d *GormDatabase) UpdateUser(u *model.User) error { return d.DB.Save(u).Error }

// GetUsers lists the users.
func (d *GormDatabase) GetUsers() ([]*model.User, error) {
	var users []*model.User
	err := d.DB.Find(&users).Error
	return users, err
}

// CreateClient stores a client token.
func (d *GormDatabase) CreateClient(c *model.ClientToken) error { return d.DB.Create(c).Error }

// UpdatePluginConf saves a plugin's settings.
func (d *GormDatabase) UpdatePluginConf(p *model.PluginConf) error {
	return d.DB.Model(p).Update("config", p.Config).Error
}
