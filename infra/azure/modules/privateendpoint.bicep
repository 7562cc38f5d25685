// A private endpoint for one sub-resource of a service, registered in its private DNS zone.

param location string

@description('Name of the private endpoint.')
param name string

@description('The resource reached privately.')
param targetId string

@description('The sub-resource: blob, vault, postgresqlServer.')
param groupId string

param subnetId string
param dnsZoneId string
param tags object = {}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetId
          groupIds: [ groupId ]
        }
      }
    ]
  }
}

resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: { privateDnsZoneId: dnsZoneId }
      }
    ]
  }
}
