package database

import "example.com/notify/model"

// GetMessageByID loads a message.
func (d *GormDatabase) GetMessageByID(id uint) (*model.Message, error) {
	msg := new(model.Message)
	err := d.DB.Find(msg, id).Error
	return msg, err
}

// CreateMessage stores a message.
func (d *GormDatabase) CreateMessage(m *model.Message) error { return d.DB.Create(m).Error }

// GetMessagesByUser joins the user's applications.
func (d *GormDatabase) GetMessagesByUser(userID uint) ([]*model.Message, error) {
	var messages []*model.Message
	err := d.DB.Joins("JOIN applications ON applications.user_id = ?", userID).
		Where("messages.application_id = applications.id").Order("id desc").Find(&messages).Error
	return messages, err
}

// DeleteMessagesByApplication removes an application's messages.
func (d *GormDatabase) DeleteMessagesByApplication(appID uint) error {
	return d.DB.Where("application_id = ?", appID).Delete(&model.Message{}).Error
}
